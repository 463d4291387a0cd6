import sharp from 'sharp';

/**
 * Charts for model cards, drawn as SVG here and rasterised by sharp (librsvg), so the PNGs are
 * rendered by the project and reproducible from the numbers alone.
 */

const FONT = 'DejaVu Sans, Liberation Sans, sans-serif';
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

export interface ConfusionChart {
  title: string;
  labels: readonly string[];
  /** `matrix[actual][predicted]` counts. */
  matrix: readonly (readonly number[])[];
}

export interface Series {
  name: string;
  /** `[x, y]` points, drawn in order. */
  points: ReadonlyArray<readonly [number, number]>;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
  /** y range; from the data by default. */
  yMin?: number;
  yMax?: number;
}

/** Rows are true classes, columns predictions; cells shaded by the row share, labelled with count and share. */
export function confusionMatrixSvg({ title, labels, matrix }: ConfusionChart): string {
  const cell = 64;
  const left = 110;
  const top = 70;
  const size = labels.length * cell;
  // Wide enough for the title too (DejaVu Sans Bold at 16 px: up to ~10.5 px per character).
  const width = Math.max(left + size + 20, title.length * 10.5 + 40);
  const height = top + size + 60;
  const cells: string[] = [];
  matrix.forEach((row, r) => {
    const total = row.reduce((a, b) => a + b, 0);
    row.forEach((count, c) => {
      const share = total > 0 ? count / total : 0;
      const x = left + c * cell;
      const y = top + r * cell;
      const ink = share > 0.5 ? '#fff' : '#222';
      cells.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${blue(share)}" stroke="#fff"/>`,
        `<text x="${x + cell / 2}" y="${y + cell / 2 - 2}" fill="${ink}" font-size="15" text-anchor="middle">${count}</text>`,
        `<text x="${x + cell / 2}" y="${y + cell / 2 + 15}" fill="${ink}" font-size="11" text-anchor="middle">${(100 * share).toFixed(0)}%</text>`,
      );
    });
  });
  const axis = labels.flatMap((label, i) => [
    `<text x="${left - 8}" y="${top + i * cell + cell / 2 + 4}" font-size="13" text-anchor="end">${escape(label)}</text>`,
    `<text x="${left + i * cell + cell / 2}" y="${top + size + 18}" font-size="13" text-anchor="middle">${escape(label)}</text>`,
  ]);
  return svg(width, height, [
    `<text x="${width / 2}" y="26" font-size="16" font-weight="bold" text-anchor="middle">${escape(title)}</text>`,
    `<text x="${left + size / 2}" y="${top - 10}" font-size="12" text-anchor="middle" fill="#555">predicted</text>`,
    `<text x="${left + size / 2}" y="${top + size + 42}" font-size="12" text-anchor="middle" fill="#555">rows: true class (share of the row)</text>`,
    ...cells,
    ...axis,
  ]);
}

/** Lines over a shared x axis, e.g. loss or accuracy per epoch for train and validation. */
export function lineChartSvg({ title, xLabel, yLabel, series, yMin, yMax }: LineChart): string {
  const width = 640;
  const height = 400;
  const plot = { left: 70, top: 50, right: width - 150, bottom: height - 60 };
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  if (xs.length === 0) throw new Error('a line chart needs at least one point');
  const [x0, x1] = spread(Math.min(...xs), Math.max(...xs));
  const [y0, y1] = spread(yMin ?? Math.min(...ys), yMax ?? Math.max(...ys));
  const sx = (x: number) => plot.left + ((x - x0) / (x1 - x0)) * (plot.right - plot.left);
  const sy = (y: number) => plot.bottom - ((y - y0) / (y1 - y0)) * (plot.bottom - plot.top);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const grid = ticks.flatMap((t) => {
    const y = y0 + t * (y1 - y0);
    const x = x0 + t * (x1 - x0);
    return [
      `<line x1="${plot.left}" x2="${plot.right}" y1="${sy(y)}" y2="${sy(y)}" stroke="#ddd"/>`,
      `<text x="${plot.left - 6}" y="${sy(y) + 4}" font-size="11" text-anchor="end">${tick(y)}</text>`,
      `<text x="${sx(x)}" y="${plot.bottom + 16}" font-size="11" text-anchor="middle">${tick(x)}</text>`,
    ];
  });
  const lines = series.flatMap((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    const path = s.points
      .map((p, j) => `${j === 0 ? 'M' : 'L'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`)
      .join(' ');
    return [
      `<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`,
      `<line x1="${plot.right + 14}" x2="${plot.right + 34}" y1="${plot.top + 10 + i * 20}" y2="${plot.top + 10 + i * 20}" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${plot.right + 40}" y="${plot.top + 14 + i * 20}" font-size="12">${escape(s.name)}</text>`,
    ];
  });
  return svg(width, height, [
    `<text x="${width / 2}" y="26" font-size="16" font-weight="bold" text-anchor="middle">${escape(title)}</text>`,
    ...grid,
    `<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" fill="none" stroke="#888"/>`,
    ...lines,
    `<text x="${(plot.left + plot.right) / 2}" y="${height - 20}" font-size="12" text-anchor="middle">${escape(xLabel)}</text>`,
    `<text x="18" y="${(plot.top + plot.bottom) / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 18 ${(plot.top + plot.bottom) / 2})">${escape(yLabel)}</text>`,
  ]);
}

/** PNG bytes of an SVG document. */
export function svgToPng(svgText: string): Promise<Buffer> {
  return sharp(Buffer.from(svgText)).png().toBuffer();
}

function svg(width: number, height: number, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="${FONT}"><rect width="100%" height="100%" fill="#fff"/>${body.join('')}</svg>`;
}

/** White to dark blue by share. */
function blue(share: number): string {
  const mix = (from: number, to: number) => Math.round(from + (to - from) * share);
  return `rgb(${mix(247, 8)},${mix(251, 48)},${mix(255, 107)})`;
}

/** A range that is never empty, so a flat series still draws. */
function spread(min: number, max: number): [number, number] {
  return min === max ? [min - 1, max + 1] : [min, max];
}

function tick(value: number): string {
  return Math.abs(value) >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toPrecision(3);
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
