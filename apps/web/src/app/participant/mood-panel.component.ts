import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { EMOTIONS, MAX_TEXT_CHARS, type AffectEstimate, type Emotion } from '@attune/protocol';
import { EMOTION_EMOJI, MoodDisplayComponent } from './mood-display.component';
import { ParticipantSessionService, type MoodGoal } from './participant-session.service';

const percent = (share: number) => `${Math.round(share * 100)}%`;
const describe = (estimate: AffectEstimate) => `${estimate.label} ${percent(estimate.confidence)}`;

/** The fused mood, "How do you feel?" and the keep/improve goal of a running session. */
@Component({
  selector: 'app-mood-panel',
  imports: [MoodDisplayComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mood-panel.component.html',
  styleUrl: './mood-panel.component.css',
})
export class MoodPanelComponent {
  protected readonly session = inject(ParticipantSessionService);
  protected readonly maxChars = MAX_TEXT_CHARS;
  protected readonly disabled = computed(() => !this.session.session());
  /** Typing is analysed only with consent to text. */
  protected readonly textDisabled = computed(() => this.disabled() || this.session.session()?.consent?.text === false);
  protected readonly emotions = EMOTIONS;
  protected readonly emoji = EMOTION_EMOJI;

  protected readonly fusedMood = computed(() => this.session.mood()?.fused ?? null);
  protected readonly overridden = computed(() => !!this.session.mood()?.overridden);
  protected readonly overrideSending = computed(() => this.session.override()?.state === 'sending');

  protected readonly overrideText = computed(() => {
    const status = this.session.override();
    if (!status) return 'When the camera gets it wrong or cannot see you, choose your mood here.';
    if (status.state === 'sending') return 'Saving…';
    if (status.state === 'failed') return status.error;
    return status.value ? `Using your mood: ${status.value.label}` : 'Back to automatic estimates';
  });

  protected readonly moodLabel = computed(() => {
    const fused = this.session.mood()?.fused;
    return fused ? describe(fused) : '';
  });

  protected readonly moodSources = computed(() =>
    (this.session.mood()?.contributions ?? []).map((c) => `${c.modality} ${percent(c.weight)}`).join(' · '),
  );

  protected readonly textResult = computed(() => {
    const status = this.session.textEstimate();
    if (!status) return '';
    if (status.state === 'sending') return 'Reading…';
    return status.state === 'done' ? describe(status.value) : status.error;
  });

  protected readonly strategyText = computed(() => {
    const status = this.session.strategy();
    if (!status) return this.session.session()?.strategy ?? '';
    if (status.state === 'sending') return 'Saving…';
    return status.state === 'done' ? status.value : status.error;
  });

  protected send(input: HTMLInputElement): void {
    if (!input.value.trim()) return;
    void this.session.sendText(input.value);
  }

  protected override(emotion: string): void {
    void this.session.overrideMood(emotion as Emotion);
  }

  protected clearOverride(): void {
    void this.session.overrideMood(null);
  }

  protected choose(goal: MoodGoal): void {
    void this.session.setGoal(goal);
  }
}
