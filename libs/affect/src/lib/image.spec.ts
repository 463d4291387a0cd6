import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { noiseBytes } from '../testing/fixtures';
import { decodeImage, InvalidImageError } from './image';

describe('decodeImage', () => {
  it('decodes an RGBA PNG to RGB, dropping alpha', async () => {
    const png = await sharp({
      create: {
        width: 3,
        height: 2,
        channels: 4,
        background: { r: 10, g: 20, b: 30, alpha: 0.5 },
      },
    })
      .png()
      .toBuffer();
    const image = await decodeImage(png);
    expect([image.width, image.height, image.data.length]).toEqual([3, 2, 18]);
    expect(Array.from(image.data.slice(0, 3))).toEqual([10, 20, 30]);
  });

  it('expands a grey JPEG to three equal channels', async () => {
    const jpeg = await sharp(Buffer.alloc(16 * 8, 77), {
      raw: { width: 16, height: 8, channels: 1 },
    })
      .jpeg()
      .toBuffer();
    const image = await decodeImage(jpeg);
    expect(image.data.length).toBe(16 * 8 * 3);
    const [r, g, b] = image.data;
    expect(Math.abs(r - 77)).toBeLessThanOrEqual(2);
    expect([g, b]).toEqual([r, r]);
  });

  it('throws InvalidImageError for random bytes, a text file and an empty buffer', async () => {
    const text = readFileSync(join(__dirname, '../../project.json'));
    for (const bytes of [noiseBytes(4096), text, new Uint8Array(0)]) {
      await expect(decodeImage(bytes)).rejects.toBeInstanceOf(InvalidImageError);
    }
  });

  it('throws InvalidImageError for images above the pixel limit without decoding them', async () => {
    const huge = await sharp({
      create: { width: 5000, height: 4000, channels: 3, background: '#000' },
    })
      .png()
      .toBuffer();
    await expect(decodeImage(huge)).rejects.toThrow(/pixel limit/);
  });
});
