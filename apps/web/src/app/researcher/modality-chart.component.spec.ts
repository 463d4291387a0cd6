import { TestBed } from '@angular/core/testing';
import { ModalityChartComponent } from './modality-chart.component';

interface FakeChart {
  data: { datasets: { label: string; data: { x: number; y: number; note?: string }[] }[] };
  update: jest.Mock;
  destroy: jest.Mock;
}

jest.mock('chart.js', () => {
  const instances: unknown[] = [];
  class Chart {
    static register = jest.fn();
    data: unknown;
    update = jest.fn();
    destroy = jest.fn();
    constructor(_canvas: unknown, config: { data: unknown }) {
      this.data = config.data;
      instances.push(this);
    }
  }
  return {
    Chart,
    instances,
    Legend: {},
    LineController: {},
    LineElement: {},
    LinearScale: {},
    PointElement: {},
    Tooltip: {},
  };
});

const chartModule = jest.requireMock('chart.js') as { instances: FakeChart[] };

describe('ModalityChartComponent', () => {
  beforeEach(() => {
    chartModule.instances.length = 0;
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as CanvasRenderingContext2D);
  });
  afterEach(() => jest.restoreAllMocks());

  it('draws valence per modality and the fused state, tracks on top and feedback at the bottom', async () => {
    const fixture = TestBed.createComponent(ModalityChartComponent);
    const point = (at: number, modality: 'face' | 'voice' | 'fused', valence: number) => ({
      at,
      modality,
      valence,
      arousal: 0,
      label: 'happy',
      confidence: 0.9,
    });
    fixture.componentRef.setInput('origin', 10_000);
    fixture.componentRef.setInput('points', [
      point(11_000, 'face', 0.5),
      point(12_000, 'voice', -0.2),
      point(12_000, 'fused', 0.1),
    ]);
    fixture.componentRef.setInput('markers', [
      { at: 11_500, kind: 'track', label: 'Through Space (start)' },
      { at: 13_000, kind: 'feedback', label: 'like' },
    ]);
    await fixture.whenStable();

    const chart = chartModule.instances[0];
    const byLabel = Object.fromEntries(chart.data.datasets.map((d) => [d.label, d.data.map(({ x, y }) => [x, y])]));
    expect(byLabel).toEqual({
      face: [[1, 0.5]],
      voice: [[2, -0.2]],
      text: [],
      'fused state': [[2, 0.1]],
      track: [[1.5, 1]],
      feedback: [[3, -1]],
    });
    expect(fixture.nativeElement.querySelector('canvas').getAttribute('aria-label')).toContain(
      '2 track and feedback markers',
    );
    fixture.destroy();
    expect(chart.destroy).toHaveBeenCalled();
  });
});
