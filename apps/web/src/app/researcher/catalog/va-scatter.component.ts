import { ChangeDetectionStrategy, Component, ElementRef, input, output, viewChild } from '@angular/core';
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
import { canvasChart } from '../ui/canvas-chart';

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

  constructor() {
    canvasChart(
      this.canvas,
      (canvas) =>
        new Chart(
          canvas,
          chartConfig((id) => this.picked.emit(id)),
        ),
      (chart) => this.fill(chart, this.tracks()),
    );
  }

  private fill(chart: Chart<'scatter', Point[]>, tracks: readonly CatalogTrack[]): void {
    chart.data.datasets.forEach((dataset, i) => {
      dataset.data = tracks.flatMap((t) =>
        t.emotion === EMOTIONS[i] && t.valence !== null && t.arousal !== null
          ? [{ x: t.valence, y: t.arousal, id: t.id, title: t.title }]
          : [],
      );
    });
  }
}
