import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { AffectEstimate, Emotion } from '@attune/protocol';

export const EMOTION_EMOJI: Record<Emotion, string> = {
  angry: '😠',
  disgust: '🤢',
  fear: '😨',
  happy: '😊',
  sad: '😢',
  surprise: '😮',
  neutral: '😐',
};

/** Plane side in SVG units; valence runs left to right, arousal bottom to top, both -1..1. */
const SIDE = 120;

/** The fused mood as an emoji, its label and a point on the valence/arousal plane. */
@Component({
  selector: 'app-mood-display',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="mood-display">
      <p class="face" data-testid="mood-emoji" role="img" [attr.aria-label]="ariaLabel()">{{ emoji() }}</p>
      <div>
        <p class="label" data-testid="mood-display-label">{{ mood()?.label ?? 'Waiting for a first estimate' }}</p>
        @if (mood(); as m) {
          <p class="muted">
            valence {{ m.valence.toFixed(2) }} · arousal {{ m.arousal.toFixed(2) }}
            @if (overridden()) {
              · <strong>your choice</strong>
            }
          </p>
        }
      </div>
      <svg
        class="plane"
        [attr.viewBox]="'0 0 ' + side + ' ' + side"
        role="img"
        data-testid="va-plane"
        [attr.aria-label]="planeLabel()"
      >
        <rect x="0" y="0" [attr.width]="side" [attr.height]="side" class="bg" />
        <line [attr.x1]="side / 2" y1="0" [attr.x2]="side / 2" [attr.y2]="side" class="axis" />
        <line x1="0" [attr.y1]="side / 2" [attr.x2]="side" [attr.y2]="side / 2" class="axis" />
        <text x="3" [attr.y]="side / 2 - 3" class="tick">unpleasant</text>
        <text [attr.x]="side - 3" [attr.y]="side / 2 - 3" class="tick end">pleasant</text>
        <text [attr.x]="side / 2 + 3" y="10" class="tick">excited</text>
        <text [attr.x]="side / 2 + 3" [attr.y]="side - 4" class="tick">calm</text>
        @if (point(); as p) {
          <circle [attr.cx]="p.x" [attr.cy]="p.y" r="6" class="dot" data-testid="va-point" />
        }
      </svg>
    </div>
  `,
  styles: `
    .mood-display {
      display: grid;
      grid-template-columns: auto 1fr auto;
      align-items: center;
      gap: 0.75rem;
    }
    .face {
      font-size: 2.75rem;
      margin: 0;
      line-height: 1;
    }
    .label {
      margin: 0;
      font-size: 1.25rem;
      font-weight: 600;
    }
    .muted {
      margin: 0;
      color: var(--muted);
      font-size: 0.8125rem;
    }
    .plane {
      width: 7.5rem;
      height: 7.5rem;
    }
    .bg {
      fill: #f0f2f7;
      stroke: var(--line);
    }
    .axis {
      stroke: var(--line);
    }
    .tick {
      font-size: 8px;
      fill: var(--muted);
    }
    .end {
      text-anchor: end;
    }
    .dot {
      fill: var(--accent);
      transition:
        cx 0.4s ease,
        cy 0.4s ease;
    }
    @media (max-width: 480px) {
      .mood-display {
        grid-template-columns: auto 1fr;
      }
      .plane {
        grid-column: 1 / -1;
        justify-self: center;
      }
    }
  `,
})
export class MoodDisplayComponent {
  readonly mood = input<AffectEstimate | null>(null);
  readonly overridden = input(false);
  protected readonly side = SIDE;

  protected readonly emoji = computed(() => {
    const mood = this.mood();
    return mood ? EMOTION_EMOJI[mood.label] : '…';
  });

  protected readonly ariaLabel = computed(() => {
    const mood = this.mood();
    return mood ? `Mood: ${mood.label}` : 'No mood yet';
  });

  protected readonly point = computed(() => {
    const mood = this.mood();
    if (!mood) return null;
    return { x: ((mood.valence + 1) / 2) * SIDE, y: ((1 - mood.arousal) / 2) * SIDE };
  });

  protected readonly planeLabel = computed(() => {
    const mood = this.mood();
    return mood
      ? `Valence ${mood.valence.toFixed(2)}, arousal ${mood.arousal.toFixed(2)} on the valence-arousal plane`
      : 'Valence-arousal plane, no mood yet';
  });
}
