import { TestBed } from '@angular/core/testing';
import { EMOTIONS } from '@attune/protocol';
import { distribution } from '../testing/fixtures';
import { TimelineChartComponent } from './timeline-chart.component';

interface FakeChartInstance {
  config: { data: { datasets: { label: string; data: { x: number; y: number }[] }[] } };
  data: FakeChartInstance['config']['data'];
  update: jest.Mock;
  destroy: jest.Mock;
}

// Chart.js needs a real canvas; this stand-in records what the component hands it.
jest.mock('chart.js', () => {
  const instances: unknown[] = [];
  class Chart {
    static register = jest.fn();
    data: unknown;
    update = jest.fn();
    destroy = jest.fn();
    constructor(
      public canvas: unknown,
      public config: { data: unknown },
    ) {
      this.data = config.data;
      instances.push(this);
    }
  }
  return {
    Chart,
    instances,
    CategoryScale: {},
    Legend: {},
    LineController: {},
    LineElement: {},
    LinearScale: {},
    PointElement: {},
    Tooltip: {},
  };
});

const chartModule = jest.requireMock('chart.js') as { instances: FakeChartInstance[]; Chart: { register: jest.Mock } };

describe('TimelineChartComponent', () => {
  beforeEach(() => {
    chartModule.instances.length = 0;
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as CanvasRenderingContext2D);
  });
  afterEach(() => jest.restoreAllMocks());

  it('draws one line per emotion in seconds since the origin, and redraws on new points', async () => {
    const fixture = TestBed.createComponent(TimelineChartComponent);
    fixture.componentRef.setInput('origin', 10_000);
    fixture.componentRef.setInput('points', [{ at: 11_000, distribution: distribution('happy', 0.9) }]);
    await fixture.whenStable();

    expect(chartModule.Chart.register).toHaveBeenCalledTimes(1);
    expect(chartModule.instances).toHaveLength(1);
    const chart = chartModule.instances[0];
    expect(chart.data.datasets.map((d) => d.label)).toEqual([...EMOTIONS]);
    const happy = chart.data.datasets[EMOTIONS.indexOf('happy')];
    expect(happy.data).toEqual([{ x: 1, y: 0.9 }]);

    fixture.componentRef.setInput('points', [
      { at: 11_000, distribution: distribution('happy', 0.9) },
      { at: 12_500, distribution: distribution('sad', 0.4) },
    ]);
    await fixture.whenStable();
    expect(chartModule.instances).toHaveLength(1);
    expect(chart.data.datasets[EMOTIONS.indexOf('sad')].data.map((p) => p.x)).toEqual([1, 2.5]);
    expect(chart.update).toHaveBeenCalledTimes(2);

    fixture.destroy();
    expect(chart.destroy).toHaveBeenCalled();
  });
});
