import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { CONSENT_MODALITY_OPTIONS, type ConsentForm, type ConsentModality } from '../data-access/api-types';
import { Loadable } from '../data-access/loadable';
import { ResearcherApi } from '../data-access/researcher-api';
import { LoadStateComponent } from '../ui/load-state.component';

/** A study's consent form versions (never edited: a change is a new version) and the form to add one. */
@Component({
  selector: 'app-consent-forms',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, LoadStateComponent],
  template: `
    <h2 id="consent-heading">Consent form versions</h2>
    <app-load-state what="consent forms" [loading]="forms.loading()" [error]="forms.error()" (retry)="forms.load()" />
    @if (forms.value(); as list) {
      <ul class="list" data-testid="consent-form-list">
        @for (form of list; track form.id) {
          <li data-testid="consent-form-item">
            <strong>Version {{ form.version }}</strong>
            <span class="meta"
              >{{ form.modalities.join(', ') || 'no modalities' }}; keeps data {{ form.retentionDays }} days{{
                form.offersRawMediaStorage ? '; offers raw media storage' : ''
              }}</span
            >
            <time [attr.datetime]="form.createdAt">{{ form.createdAt | date: 'medium' }}</time>
            <details>
              <summary>Text of version {{ form.version }}</summary>
              <pre>{{ form.text }}</pre>
            </details>
          </li>
        } @empty {
          <li class="note">No consent form yet: participants cannot start a session until there is one.</li>
        }
      </ul>
    }
    <form class="form" (submit)="$event.preventDefault(); add(text, retention.valueAsNumber, raw.checked)">
      <h3>New version</h3>
      <label for="consent-text">Consent text (markdown)</label>
      <textarea #text id="consent-text" rows="5" required data-testid="consent-text"></textarea>
      <fieldset>
        <legend>Modalities asked for</legend>
        @for (modality of modalityOptions; track modality) {
          <label>
            <input
              type="checkbox"
              [checked]="modalities().includes(modality)"
              (change)="toggle(modality)"
              [attr.data-testid]="'consent-modality-' + modality"
            />
            {{ modality }}
          </label>
        }
      </fieldset>
      <label class="inline"><input #raw type="checkbox" data-testid="consent-raw" /> Offer storing raw media</label>
      <label for="consent-retention">Retention (days)</label>
      <input
        #retention
        id="consent-retention"
        type="number"
        min="1"
        max="3650"
        value="90"
        data-testid="consent-retention"
      />
      @if (addError(); as problem) {
        <p class="alert" role="alert">{{ problem }}</p>
      }
      <button type="submit" data-testid="add-consent-form" [disabled]="adding()">
        {{ adding() ? 'Saving…' : 'Add consent form version' }}
      </button>
    </form>
  `,
  styleUrl: '../ui/researcher-page.css',
  styles: `
    pre {
      white-space: pre-wrap;
      background: var(--bg);
      padding: 0.5rem;
      margin: 0.25rem 0 0;
    }
    .inline {
      font-weight: normal;
    }
    h3 {
      font-size: 1rem;
      margin: 1rem 0 0;
    }
  `,
})
export class ConsentFormsComponent {
  private readonly api = inject(ResearcherApi);
  readonly studyId = input.required<string>();

  protected readonly modalityOptions = CONSENT_MODALITY_OPTIONS;
  protected readonly forms = new Loadable(() =>
    this.api.get<ConsentForm[]>(`/studies/${this.studyId()}/consent-forms`),
  );
  protected readonly modalities = signal<ConsentModality[]>(['camera']);
  protected readonly adding = signal(false);
  protected readonly addError = signal<string | null>(null);

  constructor() {
    effect(() => {
      this.studyId();
      void this.forms.load();
    });
  }

  protected toggle(modality: ConsentModality): void {
    this.modalities.update((list) =>
      list.includes(modality) ? list.filter((m) => m !== modality) : [...list, modality],
    );
  }

  protected async add(
    field: HTMLTextAreaElement,
    retentionDays: number,
    offersRawMediaStorage: boolean,
  ): Promise<void> {
    const text = field.value;
    if (!text.trim()) {
      this.addError.set('Write the consent text.');
      return;
    }
    this.adding.set(true);
    this.addError.set(null);
    try {
      await this.api.post(`/studies/${this.studyId()}/consent-forms`, {
        text,
        modalities: this.modalities(),
        offersRawMediaStorage,
        retentionDays: Number.isFinite(retentionDays) ? retentionDays : 90,
      });
      field.value = '';
      await this.forms.load();
    } catch (err) {
      this.addError.set((err as Error).message);
    } finally {
      this.adding.set(false);
    }
  }
}
