import { ChangeDetectionStrategy, Component, ElementRef, input, viewChild } from '@angular/core';
import { EMOTIONS } from '@attune/protocol';
import {
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { EMOTION_COLOURS } from '../shared/emotion-colours';
import type { TimelinePoint } from './researcher-session.service';
import { canvasChart } from './ui/canvas-chart';

// Only the pieces a line chart needs; 'chart.js/auto' would pull every controller into the bundle.
Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

type XY = { x: number; y: number };

function chartConfig(): ChartConfiguration<'line', XY[]> {
  return {
    type: 'line',
    data: {
      datasets: EMOTIONS.map((emotion) => ({
        label: emotion,
        data: [],
        borderColor: EMOTION_COLOURS[emotion],
        backgroundColor: EMOTION_COLOURS[emotion],
        borderWidth: 2,
        pointRadius: 0,
        tension: 0.2,
      })),
    },
    options: {
      // Redrawn twice a second with fresh data: animation would only lag behind.
      animation: false,
      maintainAspectRatio: false,
      // Points are already {x, y} numbers in order, so Chart.js can skip parsing them.
      parsing: false,
      normalized: true,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { type: 'linear', title: { display: true, text: 'Seconds since session start' } },
        y: { min: 0, max: 1, title: { display: true, text: 'Probability' } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: { label: (item) => `${item.dataset.label}: ${Math.round((item.parsed.y ?? 0) * 100)}%` },
        },
      },
    },
  };
}

/** Line chart of the seven emotion probabilities of one session over time. */
@Component({
  selector: 'app-timeline-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="chart" data-testid="timeline-chart">
      <canvas #canvas role="img" aria-label="Emotion probabilities of this session over time"></canvas>
    </div>
  `,
  styles: `
    .chart {
      position: relative;
      height: 20rem;
    }
  `,
})
export class TimelineChartComponent {
  readonly points = input.required<readonly TimelinePoint[]>();
  /** Epoch milliseconds shown as x = 0. */
  readonly origin = input.required<number>();

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');

  constructor() {
    canvasChart(
      this.canvas,
      (canvas) => new Chart(canvas, chartConfig()),
      (chart) => this.fill(chart, this.points(), this.origin()),
    );
  }

  private fill(chart: Chart<'line', XY[]>, points: readonly TimelinePoint[], origin: number): void {
    chart.data.datasets.forEach((dataset, i) => {
      const emotion = EMOTIONS[i];
      dataset.data = points.map((p) => ({ x: (p.at - origin) / 1000, y: p.distribution[emotion] }));
    });
  }
}
