import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MAX_TEXT_CHARS, type AffectEstimate } from '@attune/protocol';
import { ParticipantSessionService, type MoodGoal } from './participant-session.service';

const percent = (share: number) => `${Math.round(share * 100)}%`;
const describe = (estimate: AffectEstimate) => `${estimate.label} ${percent(estimate.confidence)}`;

/** The fused mood, "How do you feel?" and the keep/improve goal of a running session. */
@Component({
  selector: 'app-mood-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './mood-panel.component.html',
  styleUrl: './mood-panel.component.css',
})
export class MoodPanelComponent {
  protected readonly session = inject(ParticipantSessionService);
  protected readonly maxChars = MAX_TEXT_CHARS;
  protected readonly disabled = computed(() => !this.session.session());

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

  protected choose(goal: MoodGoal): void {
    void this.session.setGoal(goal);
  }
}
