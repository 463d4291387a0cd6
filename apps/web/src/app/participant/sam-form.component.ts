import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { RequestStatus, SamPhase, SamRatings } from './participant-session.service';

type Scale = keyof SamRatings;

const SCALES: { key: Scale; question: string; low: string; high: string }[] = [
  { key: 'valence', question: 'How pleasant do you feel?', low: 'unhappy', high: 'happy' },
  { key: 'arousal', question: 'How excited or calm do you feel?', low: 'calm', high: 'excited' },
  { key: 'dominance', question: 'How much in control do you feel?', low: 'controlled', high: 'in control' },
];

/** Self-Assessment Manikin: three 9-point scales, before the music and after it. */
@Component({
  selector: 'app-sam-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="sam" [attr.aria-labelledby]="headingId()" (submit)="$event.preventDefault(); submit()">
      <h3 [id]="headingId()">{{ phase() === 'before' ? 'Before the music' : 'After the music' }}: how do you feel?</h3>
      @for (scale of scales; track scale.key) {
        <fieldset>
          <legend>{{ scale.question }}</legend>
          <div class="scale">
            <span class="end" aria-hidden="true">{{ scale.low }}</span>
            @for (point of points; track point) {
              <label>
                <input
                  type="radio"
                  [name]="phase() + '-' + scale.key"
                  [value]="point"
                  [attr.data-testid]="'sam-' + phase() + '-' + scale.key + '-' + point"
                  [attr.aria-label]="scale.question + ' ' + point + ' of 9, 1 ' + scale.low + ', 9 ' + scale.high"
                  [checked]="ratings()[scale.key] === point"
                  (change)="choose(scale.key, point)"
                />
                <span aria-hidden="true">{{ point }}</span>
              </label>
            }
            <span class="end" aria-hidden="true">{{ scale.high }}</span>
          </div>
        </fieldset>
      }
      <div class="actions">
        <button type="submit" [attr.data-testid]="'sam-' + phase() + '-submit'" [disabled]="!complete() || sending()">
          {{ submitLabel() }}
        </button>
        <button
          type="button"
          class="secondary"
          [attr.data-testid]="'sam-' + phase() + '-skip'"
          (click)="skipped.emit()"
        >
          Skip
        </button>
      </div>
      <p class="status" role="status" [attr.data-testid]="'sam-' + phase() + '-status'">{{ statusText() }}</p>
    </form>
  `,
  styles: `
    h3 {
      font-size: 1rem;
      margin: 0 0 0.5rem;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0 0 0.75rem;
      min-width: 0;
    }
    legend {
      font-weight: 600;
      padding: 0;
    }
    .scale {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem;
    }
    .scale label {
      display: grid;
      justify-items: center;
      font-weight: normal;
      font-size: 0.75rem;
      min-width: 1.75rem;
    }
    .end {
      font-size: 0.75rem;
      color: var(--muted);
    }
    .actions {
      display: flex;
      gap: 0.5rem;
    }
    .status {
      min-height: 1.5em;
      margin: 0.5rem 0 0;
      color: var(--muted);
    }
  `,
})
export class SamFormComponent {
  readonly phase = input.required<SamPhase>();
  readonly status = input<RequestStatus<string> | undefined>(undefined);
  readonly submitText = input('Save');
  readonly submitted = output<SamRatings>();
  readonly skipped = output<void>();

  protected readonly scales = SCALES;
  protected readonly points = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  protected readonly ratings = signal<Partial<SamRatings>>({});
  protected readonly headingId = computed(() => `sam-${this.phase()}-heading`);
  protected readonly complete = computed(() => SCALES.every((s) => this.ratings()[s.key] !== undefined));
  protected readonly sending = computed(() => this.status()?.state === 'sending');
  protected readonly submitLabel = computed(() => (this.sending() ? 'Saving…' : this.submitText()));

  protected readonly statusText = computed(() => {
    const status = this.status();
    if (!status) return this.complete() ? '' : 'Choose a point on each scale.';
    if (status.state === 'sending') return 'Saving…';
    return status.state === 'done' ? 'Saved. Thank you.' : `Not saved: ${status.error}`;
  });

  protected choose(scale: Scale, point: number): void {
    this.ratings.update((r) => ({ ...r, [scale]: point }));
  }

  protected submit(): void {
    const r = this.ratings();
    if (r.valence && r.arousal && r.dominance) {
      this.submitted.emit({ valence: r.valence, arousal: r.arousal, dominance: r.dominance });
    }
  }
}
