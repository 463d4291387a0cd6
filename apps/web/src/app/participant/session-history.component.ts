import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import type { Emotion, RecommendationTrigger } from '@attune/protocol';
import { EMOTION_EMOJI } from './mood-display.component';
import { ParticipantSessionService } from './participant-session.service';

interface MoodEntry {
  at: number;
  label: Emotion;
  confidence: number;
  mine: boolean;
}

interface TrackEntry {
  id: string;
  at: number;
  title: string;
  artist: string;
  trigger: RecommendationTrigger;
}

const TRIGGER_WORDS: Record<RecommendationTrigger, string> = {
  start: 'first track',
  skip: 'after a skip',
  'track-end': 'after the last one ended',
  'mood-change': 'your mood changed',
  'goal-change': 'you changed the goal',
  'mood-override': 'you chose your mood',
};

/** This session so far: each change of the fused mood, and each track with why it came. */
@Component({
  selector: 'app-session-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="history-heading">
      <h2 id="history-heading">This session</h2>
      <div class="columns">
        <div>
          <h3>Moods</h3>
          @if (moods().length) {
            <ol class="list" data-testid="history-moods">
              @for (m of moods(); track m.at) {
                <li>
                  <time>{{ time(m.at) }}</time> {{ emoji[m.label] }} {{ m.label }}
                  <span class="muted">{{ m.mine ? '(your choice)' : percent(m.confidence) }}</span>
                </li>
              }
            </ol>
          } @else {
            <p class="muted">No mood yet.</p>
          }
        </div>
        <div>
          <h3>Tracks</h3>
          @if (tracks().length) {
            <ol class="list" data-testid="history-tracks">
              @for (t of tracks(); track t.id) {
                <li>
                  <time>{{ time(t.at) }}</time> {{ t.title }} — {{ t.artist }}
                  <span class="muted">({{ why(t.trigger) }})</span>
                </li>
              }
            </ol>
          } @else {
            <p class="muted">No track yet.</p>
          }
        </div>
      </div>
    </section>
  `,
  styles: `
    .columns {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
      gap: 1rem;
    }
    h3 {
      font-size: 0.9375rem;
      margin: 0 0 0.25rem;
    }
    .list {
      margin: 0;
      padding-left: 1.25rem;
      max-height: 12rem;
      overflow-y: auto;
      font-size: 0.875rem;
    }
    time {
      font-variant-numeric: tabular-nums;
      color: var(--muted);
    }
    .muted {
      color: var(--muted);
    }
  `,
})
export class SessionHistoryComponent {
  private readonly session = inject(ParticipantSessionService);
  protected readonly emoji = EMOTION_EMOJI;
  protected readonly moods = signal<MoodEntry[]>([]);
  protected readonly tracks = signal<TrackEntry[]>([]);

  constructor() {
    let shown: string | null = null;
    effect(() => {
      // A new session starts a new history; an ended one stays readable.
      const id = this.session.session()?.sessionId ?? null;
      if (!id || id === shown) return;
      shown = id;
      untracked(() => {
        this.moods.set([]);
        this.tracks.set([]);
      });
    });
    effect(() => {
      const update = this.session.mood();
      const fused = update?.fused;
      if (!update || !fused) return;
      const mine = !!update.overridden;
      untracked(() => {
        const list = this.moods();
        const last = list[list.length - 1];
        // Only changes: the fused mood is re-announced with every estimate.
        if (last && last.label === fused.label && last.mine === mine) return;
        this.moods.update((list) => [
          ...list,
          { at: update.at, label: fused.label, confidence: fused.confidence, mine },
        ]);
      });
    });
    effect(() => {
      const rec = this.session.recommendation();
      if (!rec) return;
      untracked(() => {
        if (this.tracks().some((t) => t.id === rec.recommendationId)) return;
        this.tracks.update((list) => [
          ...list,
          {
            id: rec.recommendationId,
            at: rec.at,
            title: rec.track.title,
            artist: rec.track.artist,
            trigger: rec.trigger,
          },
        ]);
      });
    });
  }

  protected time(at: number): string {
    return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  protected percent(share: number): string {
    return `${Math.round(share * 100)}%`;
  }

  protected why(trigger: RecommendationTrigger): string {
    return TRIGGER_WORDS[trigger] ?? trigger;
  }
}
