import sharp from 'sharp';
import { confusionMatrixSvg, lineChartSvg, svgToPng } from './charts';

describe('model card charts', () => {
  it('renders a confusion matrix with counts, row shares and escaped labels to a PNG', async () => {
    const svg = confusionMatrixSvg({
      title: 'a <b>',
      labels: ['happy', 'sad'],
      matrix: [
        [3, 1],
        [0, 2],
      ],
    });
    expect(svg).toContain('a &lt;b&gt;');
    expect(svg).toContain('>75%<');
    expect(svg).toContain('>100%<');
    const meta = await sharp(await svgToPng(svg)).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 110 + 2 * 64 + 20 });
  });

  it('renders training curves, one path per series, and refuses an empty chart', async () => {
    const svg = lineChartSvg({
      title: 'loss',
      xLabel: 'epoch',
      yLabel: 'loss',
      series: [
        {
          name: 'train',
          points: [
            [1, 2],
            [2, 1],
            [3, 0.5],
          ],
        },
        {
          name: 'validation',
          points: [
            [1, 2.2],
            [2, 1.4],
            [3, 1.3],
          ],
        },
      ],
    });
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect((await sharp(await svgToPng(svg)).metadata()).height).toBe(400);
    expect(() => lineChartSvg({ title: '', xLabel: '', yLabel: '', series: [] })).toThrow(/at least one point/);
  });
});
