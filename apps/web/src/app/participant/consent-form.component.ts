import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal, untracked } from '@angular/core';
import type { ConsentChoices, ConsentModality, JoinInfo } from './participant-api';

const MODALITY_TEXT: Record<ConsentModality, { name: string; detail: string }> = {
  camera: {
    name: 'Camera',
    detail: 'Your facial expression is estimated from camera pictures; pictures are analysed and discarded.',
  },
  microphone: {
    name: 'Microphone',
    detail: 'Voice features are computed in your browser; the sound itself never leaves your device.',
  },
  text: { name: 'Typed text', detail: 'What you type in "How do you feel?" is analysed for emotion.' },
};

/** The study's consent form: its text, and a switch per modality it asks for. */
@Component({
  selector: 'app-consent-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card consent-card" aria-labelledby="consent-heading">
      <h2 id="consent-heading">{{ info().studyTitle }}</h2>
      @if (info().studyDescription) {
        <p class="muted">{{ info().studyDescription }}</p>
      }
      @if (info().consentForm; as form) {
        <div class="form-text" data-testid="consent-form-text">
          @for (paragraph of paragraphs(); track $index) {
            <p>{{ paragraph }}</p>
          }
        </div>
        <p class="muted">
          Consent form version {{ form.version }}. Your estimates are kept for {{ form.retentionDays }} days.
          @if (info().faceMode === 'edge') {
            In this study your face is analysed on your own device: no camera picture is sent.
          }
        </p>
        <form (submit)="$event.preventDefault(); submit()">
          <fieldset>
            <legend>I agree that Attune may use</legend>
            @for (m of form.modalities; track m) {
              <label class="switch">
                <input
                  type="checkbox"
                  role="switch"
                  [attr.data-testid]="'consent-' + m"
                  [checked]="choices()[m]"
                  [attr.aria-describedby]="'consent-' + m + '-detail'"
                  (change)="toggle(m, $event)"
                />
                <span>{{ text[m].name }}</span>
              </label>
              <p class="detail" [id]="'consent-' + m + '-detail'">{{ text[m].detail }}</p>
            }
            @if (form.offersRawMediaStorage) {
              <label class="switch">
                <input
                  type="checkbox"
                  role="switch"
                  data-testid="consent-raw-media"
                  [checked]="choices().storeRawMedia"
                  (change)="toggle('storeRawMedia', $event)"
                />
                <span>Also keep raw pictures and audio for the study</span>
              </label>
            }
          </fieldset>
          <p class="muted">You can end the session or withdraw from the study at any time.</p>
          <button type="submit" data-testid="consent-submit" [disabled]="saving() || !anyChosen()">
            {{ saving() ? 'Saving…' : 'I agree, continue' }}
          </button>
          @if (!anyChosen()) {
            <p class="muted" role="status">Turn on at least one of the above to take part.</p>
          }
        </form>
      } @else {
        <p class="alert" role="alert" data-testid="consent-missing">
          This study has no consent form yet, so it cannot start. Please contact the researcher.
        </p>
      }
    </section>
  `,
  styles: `
    .muted,
    .detail {
      color: var(--muted);
    }
    .form-text {
      max-width: 65ch;
      white-space: pre-line;
    }
    fieldset {
      border: 1px solid var(--line);
      border-radius: 8px;
      padding: 0.75rem 1rem;
      margin: 0 0 0.75rem;
    }
    legend {
      font-weight: 600;
    }
    .switch {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin-top: 0.5rem;
    }
    .switch input {
      width: 1.25rem;
      height: 1.25rem;
    }
    .detail {
      margin: 0 0 0 1.75rem;
      font-size: 0.875rem;
    }
    .alert {
      color: var(--danger);
    }
  `,
})
export class ConsentFormComponent {
  readonly info = input.required<JoinInfo>();
  readonly saving = input(false);
  readonly consented = output<{ formVersion: number; choices: ConsentChoices }>();

  protected readonly text = MODALITY_TEXT;
  protected readonly choices = signal<ConsentChoices>({
    camera: false,
    microphone: false,
    text: false,
    storeRawMedia: false,
  });
  protected readonly paragraphs = computed(() =>
    (this.info().consentForm?.text ?? '')
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
  );
  protected readonly anyChosen = computed(() => {
    const c = this.choices();
    return c.camera || c.microphone || c.text;
  });

  constructor() {
    // Start from the participant's earlier choices, else everything the form asks for switched on.
    effect(() => {
      const info = this.info();
      const asked = info.consentForm?.modalities ?? [];
      const earlier = info.consent?.formVersion === info.consentForm?.version ? info.consent?.choices : undefined;
      untracked(() =>
        this.choices.set(
          earlier ?? {
            camera: asked.includes('camera'),
            microphone: asked.includes('microphone'),
            text: asked.includes('text'),
            storeRawMedia: false,
          },
        ),
      );
    });
  }

  protected toggle(key: keyof ConsentChoices, event: Event): void {
    const on = (event.target as HTMLInputElement).checked;
    this.choices.update((c) => ({ ...c, [key]: on }));
  }

  protected submit(): void {
    const form = this.info().consentForm;
    if (form && this.anyChosen()) this.consented.emit({ formVersion: form.version, choices: this.choices() });
  }
}
