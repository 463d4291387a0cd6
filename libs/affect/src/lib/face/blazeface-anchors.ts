/**
 * One BlazeFace output layer: a grid of `inputSize / stride` cells a side with `perCell` anchors
 * in each cell, all centred on the cell.
 */
export interface AnchorLayer {
  stride: number;
  perCell: number;
}

/**
 * The SSD layout of MediaPipe's BlazeFace scaled to the input, as human configures it
 * (src/face/facemeshutil.ts): 2 anchors per cell at stride size/16, 6 at stride size/8; 896 in all.
 */
export function blazeFaceLayers(inputSize: number): AnchorLayer[] {
  return [
    { stride: inputSize / 16, perCell: 2 },
    { stride: inputSize / 8, perCell: 6 },
  ];
}

export function anchorCount(inputSize: number, layer: AnchorLayer): number {
  return Math.ceil(inputSize / layer.stride) ** 2 * layer.perCell;
}

/** Anchor centres `[x, y]` in input pixels, layer by layer, row by row: the model's output order. */
export function anchorCentres(inputSize: number, layers: AnchorLayer[]): Array<[number, number]> {
  const centres: Array<[number, number]> = [];
  for (const { stride, perCell } of layers) {
    const cells = Math.ceil(inputSize / stride);
    for (let row = 0; row < cells; row++) {
      for (let col = 0; col < cells; col++) {
        for (let n = 0; n < perCell; n++) centres.push([stride * (col + 0.5), stride * (row + 0.5)]);
      }
    }
  }
  return centres;
}
