import { ChangeDetectionStrategy, Component, ElementRef, input, viewChild } from '@angular/core';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { canvasChart } from '../ui/canvas-chart';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
);

/** One bar: an interval (a CI, or 0..chance) and its point estimate. */
export interface IntervalRow {
  label: string;
  low: number;
  high: number;
  mid: number;
}

type Config = ChartConfiguration<'bar' | 'line', (number | [number, number] | null)[], string>;

function chartConfig(axis: string, format: (v: number) => string): Config {
  return {
    type: 'bar',
    data: {
      labels: [],
      datasets: [
        {
          type: 'bar',
          label: 'interval',
          data: [],
          backgroundColor: 'rgba(52, 81, 178, 0.35)',
          borderColor: '#3451b2',
          borderWidth: 1,
        },
        {
          type: 'line',
          label: 'estimate',
          data: [],
          showLine: false,
          pointRadius: 5,
          pointStyle: 'rectRot',
          borderColor: '#1d2330',
          backgroundColor: '#1d2330',
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      indexAxis: 'x',
      scales: {
        // Ticks rounded: a mean of 0 computed in floating point is 1e-16, not worth a label.
        y: { grace: '5%', title: { display: true, text: axis }, ticks: { callback: (v) => format(Number(v)) } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => {
              const raw = item.raw as number | [number, number];
              return Array.isArray(raw) ? `${format(raw[0])} to ${format(raw[1])}` : `estimate ${format(raw)}`;
            },
          },
        },
      },
    },
  };
}

/** Intervals with their point estimates per category: per-arm means with CIs, or chance to beat control. */
@Component({
  selector: 'app-interval-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="chart" data-testid="interval-chart">
      <canvas #canvas role="img" [attr.aria-label]="description()"></canvas>
    </div>
  `,
  styles: `
    .chart {
      position: relative;
      height: 14rem;
    }
  `,
})
export class IntervalChartComponent {
  readonly rows = input.required<readonly IntervalRow[]>();
  /** y-axis title. */
  readonly axis = input.required<string>();
  /** What the chart shows, for screen readers (the table next to it has the numbers). */
  readonly description = input.required<string>();
  readonly percent = input(false);
  /** The y range shown at least (wider when the data need it). */
  readonly range = input<[number, number]>([0, 1]);

  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');

  constructor() {
    canvasChart(
      this.canvas,
      (canvas) => {
        const format = this.percent() ? (v: number) => `${Math.round(v * 100)}%` : (v: number) => `${+v.toFixed(3)}`;
        return new Chart(canvas, chartConfig(this.axis(), format));
      },
      (chart) => this.fill(chart, this.rows(), this.range()),
    );
  }

  private fill(
    chart: Chart<'bar' | 'line', (number | [number, number] | null)[], string>,
    rows: readonly IntervalRow[],
    [min, max]: [number, number],
  ): void {
    const y = chart.options.scales?.['y'];
    if (y) Object.assign(y, { suggestedMin: min, suggestedMax: max });
    chart.data.labels = rows.map((r) => r.label);
    chart.data.datasets[0].data = rows.map((r) => [r.low, r.high] as [number, number]);
    chart.data.datasets[1].data = rows.map((r) => r.mid);
  }
}
