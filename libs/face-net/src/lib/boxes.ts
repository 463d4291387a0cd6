import type { FaceBox } from '@attune/protocol';

/** A rectangle in image pixels, from the top-left corner. */
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function normaliseBox(box: PixelBox, imageWidth: number, imageHeight: number): FaceBox {
  return {
    x: box.x / imageWidth,
    y: box.y / imageHeight,
    width: box.width / imageWidth,
    height: box.height / imageHeight,
  };
}

/** The square of side `scale * max(width, height)` centred on the box; may extend past the image. */
export function squareAround(box: PixelBox, scale: number): PixelBox {
  const side = scale * Math.max(box.width, box.height);
  return {
    x: box.x + box.width / 2 - side / 2,
    y: box.y + box.height / 2 - side / 2,
    width: side,
    height: side,
  };
}
