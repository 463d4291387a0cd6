import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { ParticipantSessionService } from './participant-session.service';
import { VoiceCaptureService } from './voice-capture.service';

/** Microphone on/off and the last voice estimate. */
@Component({
  selector: 'app-mic-toggle',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="mic">
      <button
        type="button"
        class="secondary"
        data-testid="mic-toggle"
        [attr.aria-pressed]="pressed()"
        [disabled]="(!session.session() && !pressed()) || refused()"
        (click)="voice.toggle()"
      >
        {{ pressed() ? 'Microphone on' : 'Microphone off' }}
      </button>
      <meter
        class="level"
        min="0"
        max="1"
        low="0.15"
        high="0.85"
        optimum="0.5"
        data-testid="mic-level"
        aria-label="Microphone level"
        [value]="voice.level()"
      ></meter>
      <p class="status" role="status">
        Voice: <span data-testid="voice-estimate">{{ voice.estimate() ?? '—' }}</span>
      </p>
    </div>
    @if (voice.error(); as problem) {
      <p class="alert" role="alert" data-testid="mic-error">{{ problem }}</p>
    }
  `,
  styles: `
    .mic {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      margin-top: 1rem;
    }
    .level {
      width: 6rem;
      height: 0.75rem;
    }
    .status {
      margin: 0;
      color: var(--muted);
    }
  `,
})
export class MicToggleComponent {
  protected readonly session = inject(ParticipantSessionService);
  protected readonly voice = inject(VoiceCaptureService);
  protected readonly pressed = computed(() => this.voice.on() || this.voice.starting());
  /** The study's participant did not agree to the microphone. */
  protected readonly refused = computed(() => this.session.session()?.consent?.microphone === false);
}
