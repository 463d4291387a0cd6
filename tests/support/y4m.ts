import sharp from 'sharp';

/**
 * A Y4M video (4:2:0, JPEG-range colour) repeating one still image: the file format
 * Chromium's fake camera reads with --use-file-for-fake-video-capture.
 */
export async function stillY4m(jpeg: Uint8Array, frames = 10, fps = 5): Promise<Buffer> {
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width: w, height: h } = info;
  if (w % 2 || h % 2) throw new Error('width and height must be even for 4:2:0');
  const y = Buffer.alloc(w * h);
  const u = Buffer.alloc((w / 2) * (h / 2));
  const v = Buffer.alloc((w / 2) * (h / 2));
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const i = (row * w + col) * 3;
      y[row * w + col] = clamp(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
    }
  }
  // Chroma of each 2x2 block, BT.601 full range.
  for (let row = 0; row < h / 2; row++) {
    for (let col = 0; col < w / 2; col++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dy, dx] of [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ]) {
        const i = ((row * 2 + dy) * w + col * 2 + dx) * 3;
        r += data[i];
        g += data[i + 1];
        b += data[i + 2];
      }
      r /= 4;
      g /= 4;
      b /= 4;
      u[row * (w / 2) + col] = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      v[row * (w / 2) + col] = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  const header = Buffer.from(`YUV4MPEG2 W${w} H${h} F${fps}:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, u, v]);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}

function clamp(x: number): number {
  return Math.max(0, Math.min(255, Math.round(x)));
}
