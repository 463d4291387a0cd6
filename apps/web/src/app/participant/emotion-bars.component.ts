import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { EMOTIONS, type EmotionDistribution } from '@attune/protocol';
import { EMOTION_COLOURS } from '../shared/emotion-colours';

/** The seven canonical probabilities as a small bar list. */
@Component({
  selector: 'app-emotion-bars',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="bars" aria-label="Emotion probabilities">
      @for (row of rows(); track row.emotion) {
        <li>
          <span class="name">{{ row.emotion }}</span>
          <span class="track" aria-hidden="true">
            <span class="fill" [style.width.%]="row.percent" [style.background]="row.colour"></span>
          </span>
          <span class="value">{{ row.percent }}%</span>
        </li>
      }
    </ul>
  `,
  styles: `
    .bars {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.25rem;
    }
    li {
      display: grid;
      grid-template-columns: 5.5rem 1fr 3rem;
      align-items: center;
      gap: 0.5rem;
      font-size: 0.875rem;
    }
    .track {
      height: 0.6rem;
      background: var(--line);
      border-radius: 999px;
      overflow: hidden;
    }
    .fill {
      display: block;
      height: 100%;
      transition: width 0.3s ease;
    }
    .value {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class EmotionBarsComponent {
  readonly distribution = input<EmotionDistribution | null>(null);

  protected readonly rows = computed(() => {
    const distribution = this.distribution();
    return EMOTIONS.map((emotion) => ({
      emotion,
      colour: EMOTION_COLOURS[emotion],
      percent: distribution ? Math.round(distribution[emotion] * 100) : 0,
    }));
  });
}
