import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  afterRenderEffect,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { EMOTIONS } from '@attune/protocol';
import {
  Chart,
  Legend,
  LinearScale,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { EMOTION_COLOURS } from '../../shared/emotion-colours';
import type { CatalogTrack } from '../data-access/api-types';

Chart.register(ScatterController, PointElement, LinearScale, Legend, Tooltip);

type Point = { x: number; y: number; id: string; title: string };

function chartConfig(onPick: (id: string) => void): ChartConfiguration<'scatter', Point[]> {
  return {
    type: 'scatter',
    data: {
      datasets: EMOTIONS.map((emotion) => ({
        label: emotion,
        data: [],
        backgroundColor: EMOTION_COLOURS[emotion],
        borderColor: EMOTION_COLOURS[emotion],
        pointRadius: 6,
        pointHoverRadius: 9,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      aspectRatio: 1,
      parsing: false,
      scales: {
        x: { min: -1, max: 1, title: { display: true, text: 'Valence' } },
        y: { min: -1, max: 1, title: { display: true, text: 'Arousal' } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (item) => `${(item.raw as Point).title} (${item.dataset.label})` } },
      },
      onClick: (_event, elements, chart) => {
        const hit = elements[0];
        if (hit) onPick((chart.data.datasets[hit.datasetIndex].data[hit.index] as Point).id);
      },
    },
  };
}

/** The catalog on the valence/arousal plane, one colour per emotion folder; a click picks a track. */
@Component({
  selector: 'app-va-scatter',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="chart" data-testid="va-scatter">
      <canvas
        #canvas
        role="img"
        [attr.aria-label]="'Valence and arousal of ' + tracks().length + ' tracks; the list below has each one'"
      ></canvas>
    </div>
  `,
  styles: `
    .chart {
      position: relative;
      height: min(28rem, 80vw);
    }
  `,
})
export class VaScatterComponent {
  readonly tracks = input.required<readonly CatalogTrack[]>();
  readonly picked = output<string>();

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart<'scatter', Point[]> | null = null;

  constructor() {
    afterRenderEffect(() => this.draw(this.tracks()));
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  private draw(tracks: readonly CatalogTrack[]): void {
    this.chart ??= this.createChart();
    if (!this.chart) return;
    this.chart.data.datasets.forEach((dataset, i) => {
      dataset.data = tracks.flatMap((t) =>
        t.emotion === EMOTIONS[i] && t.valence !== null && t.arousal !== null
          ? [{ x: t.valence, y: t.arousal, id: t.id, title: t.title }]
          : [],
      );
    });
    this.chart.update();
  }

  private createChart(): Chart<'scatter', Point[]> | null {
    const canvas = this.canvas().nativeElement;
    if (!canvas.getContext('2d')) return null;
    return new Chart(
      canvas,
      chartConfig((id) => this.picked.emit(id)),
    );
  }
}
