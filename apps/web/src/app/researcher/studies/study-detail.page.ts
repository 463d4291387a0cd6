import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { STUDY_STATUS_OPTIONS, type Study, type StudyStatus } from '../data-access/api-types';
import { Loadable } from '../data-access/loadable';
import { ResearcherApi } from '../data-access/researcher-api';
import { LoadStateComponent } from '../ui/load-state.component';
import { ConsentFormsComponent } from './consent-forms.component';
import { ExperimentsComponent } from './experiments.component';
import { ExportsComponent } from './exports.component';
import { ParticipantsComponent } from './participants.component';

/** `/researcher/studies/:id`: the study's settings, consent versions, participants, experiments and exports. */
@Component({
  selector: 'app-study-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    LoadStateComponent,
    ConsentFormsComponent,
    ParticipantsComponent,
    ExperimentsComponent,
    ExportsComponent,
  ],
  template: `
    <p><a routerLink="/researcher/studies">← All studies</a></p>
    <app-load-state what="the study" [loading]="study.loading()" [error]="study.error()" (retry)="study.load()" />
    @if (study.value(); as s) {
      <h1 data-testid="study-heading">{{ s.title }}</h1>
      <div class="layout">
        <section class="card" aria-labelledby="settings-heading">
          <h2 id="settings-heading">Study settings</h2>
          <form class="form" (submit)="$event.preventDefault(); save(title.value, description.value, status.value)">
            <label for="edit-title">Title</label>
            <input #title id="edit-title" [value]="s.title" required maxlength="255" data-testid="edit-study-title" />
            <label for="edit-description">Description</label>
            <textarea #description id="edit-description" rows="3" [value]="s.description"></textarea>
            <label for="edit-status">Status</label>
            <select #status id="edit-status" data-testid="study-status">
              @for (option of statusOptions; track option) {
                <option [value]="option" [selected]="option === s.status">{{ option }}</option>
              }
            </select>
            <p class="meta">Participants can start sessions only while the study is running.</p>
            @if (saveMessage(); as message) {
              <p role="status" data-testid="study-saved">{{ message }}</p>
            }
            @if (saveError(); as problem) {
              <p class="alert" role="alert">{{ problem }}</p>
            }
            <button type="submit" data-testid="save-study" [disabled]="saving()">
              {{ saving() ? 'Saving…' : 'Save study' }}
            </button>
          </form>
        </section>
        <section class="card" aria-labelledby="consent-heading">
          <app-consent-forms [studyId]="s.id" />
        </section>
        <section class="card" aria-labelledby="participants-heading">
          <app-participants [studyId]="s.id" />
        </section>
        <section class="card" aria-labelledby="experiments-heading">
          <app-experiments [studyId]="s.id" />
        </section>
        <section class="card" aria-labelledby="exports-heading">
          <app-exports [studyId]="s.id" />
        </section>
      </div>
    }
  `,
  styleUrl: '../ui/researcher-page.css',
})
export default class StudyDetailPage {
  private readonly api = inject(ResearcherApi);
  /** The `:id` route parameter. */
  readonly id = input<string>();

  protected readonly statusOptions = STUDY_STATUS_OPTIONS;
  protected readonly study = new Loadable(() => this.api.get<Study>(`/studies/${this.id()}`));
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  protected readonly saveMessage = signal<string | null>(null);

  constructor() {
    effect(() => {
      if (this.id()) void this.study.load();
    });
  }

  protected async save(title: string, description: string, status: string): Promise<void> {
    this.saving.set(true);
    this.saveError.set(null);
    this.saveMessage.set(null);
    try {
      const updated = await this.api.patch<Study>(`/studies/${this.id()}`, {
        title: title.trim(),
        description,
        status: status as StudyStatus,
      });
      this.study.value.set(updated);
      this.saveMessage.set(`Saved: the study is ${updated.status}.`);
    } catch (err) {
      this.saveError.set((err as Error).message);
    } finally {
      this.saving.set(false);
    }
  }
}
