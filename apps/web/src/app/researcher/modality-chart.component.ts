import { ChangeDetectionStrategy, Component, ElementRef, input, viewChild } from '@angular/core';
import { MODALITIES } from '@attune/protocol';
import {
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { ModalityPoint, TimelineMarker } from './researcher-session.service';
import { canvasChart } from './ui/canvas-chart';

Chart.register(LineController, LineElement, PointElement, LinearScale, Legend, Tooltip);

type XY = { x: number; y: number; note?: string };

const MODALITY_COLOURS: Record<(typeof MODALITIES)[number], string> = {
  face: '#3451b2',
  voice: '#127a3b',
  text: '#b25e09',
  fused: '#1d2330',
};

function chartConfig(): ChartConfiguration<'line', XY[]> {
  return {
    type: 'line',
    data: {
      datasets: [
        ...MODALITIES.map((modality) => ({
          label: modality === 'fused' ? 'fused state' : modality,
          data: [],
          borderColor: MODALITY_COLOURS[modality],
          backgroundColor: MODALITY_COLOURS[modality],
          borderWidth: modality === 'fused' ? 3 : 1.5,
          borderDash: modality === 'fused' ? [] : [4, 3],
          pointRadius: 0,
          tension: 0.2,
        })),
        {
          label: 'track',
          data: [],
          showLine: false,
          pointStyle: 'triangle',
          pointRadius: 8,
          borderColor: '#7a5195',
          backgroundColor: '#7a5195',
        },
        {
          label: 'feedback',
          data: [],
          showLine: false,
          pointStyle: 'rectRot',
          pointRadius: 7,
          borderColor: '#d62728',
          backgroundColor: '#d62728',
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: { type: 'linear', title: { display: true, text: 'Seconds since session start' } },
        y: { min: -1.1, max: 1.1, title: { display: true, text: 'Valence' } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => {
              const point = item.raw as XY;
              return point.note
                ? `${item.dataset.label}: ${point.note}`
                : `${item.dataset.label}: ${(point.y ?? 0).toFixed(2)}`;
            },
          },
        },
      },
    },
  };
}

/**
 * Valence over time of every modality (face, voice, text) and of the fused state, with a
 * marker for each track sent and each feedback given; live and in replay.
 */
@Component({
  selector: 'app-modality-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="chart" data-testid="modality-chart">
      <canvas
        #canvas
        role="img"
        [attr.aria-label]="
          'Valence of each modality and of the fused state over time, with ' +
          markers().length +
          ' track and feedback markers'
        "
      ></canvas>
    </div>
  `,
  styles: `
    .chart {
      position: relative;
      height: 18rem;
    }
  `,
})
export class ModalityChartComponent {
  readonly points = input.required<readonly ModalityPoint[]>();
  readonly markers = input<readonly TimelineMarker[]>([]);
  /** Epoch milliseconds shown as x = 0. */
  readonly origin = input.required<number>();

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');

  constructor() {
    canvasChart(
      this.canvas,
      (canvas) => new Chart(canvas, chartConfig()),
      (chart) => this.fill(chart, this.points(), this.markers(), this.origin()),
    );
  }

  private fill(
    chart: Chart<'line', XY[]>,
    points: readonly ModalityPoint[],
    markers: readonly TimelineMarker[],
    origin: number,
  ): void {
    const sec = (at: number) => (at - origin) / 1000;
    const datasets = chart.data.datasets;
    MODALITIES.forEach((modality, i) => {
      datasets[i].data = points
        .filter((p) => p.modality === modality)
        .map((p) => ({
          x: sec(p.at),
          y: p.valence,
          note: `${p.label} ${Math.round(p.confidence * 100)}%, valence ${p.valence.toFixed(2)}`,
        }));
    });
    datasets[MODALITIES.length].data = markers
      .filter((m) => m.kind === 'track')
      .map((m) => ({ x: sec(m.at), y: 1, note: m.label }));
    datasets[MODALITIES.length + 1].data = markers
      .filter((m) => m.kind === 'feedback')
      .map((m) => ({ x: sec(m.at), y: -1, note: m.label }));
  }
}
