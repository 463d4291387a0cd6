import sharp from 'sharp';
import { composeFrame } from './compose-frame';
import { InvalidImageError } from './image';

describe('composeFrame', () => {
  it('pastes the face, scaled, in the centre of a grey JPEG frame', async () => {
    const face = await sharp(Buffer.alloc(48 * 48, 250), {
      raw: { width: 48, height: 48, channels: 1 },
    })
      .png()
      .toBuffer();
    const frame = await composeFrame(face, {
      width: 320,
      height: 240,
      faceSize: 100,
      background: 60,
    });

    const { data, info } = await sharp(frame).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([320, 240, 3]);
    const grey = (x: number, y: number): number => data[(y * 320 + x) * 3];
    expect(Math.abs(grey(160, 120) - 250)).toBeLessThan(6);
    expect(Math.abs(grey(115, 75) - 250)).toBeLessThan(6);
    expect(Math.abs(grey(105, 65) - 60)).toBeLessThan(6);
    expect(Math.abs(grey(5, 5) - 60)).toBeLessThan(6);
  });

  it('defaults to a 640x480 frame', async () => {
    const face = await sharp({
      create: { width: 48, height: 48, channels: 3, background: '#888' },
    })
      .png()
      .toBuffer();
    const meta = await sharp(await composeFrame(face)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 640, 480]);
  });

  it('rejects what is not an image, or a face larger than the frame', async () => {
    await expect(composeFrame(Buffer.from('not an image'))).rejects.toBeInstanceOf(InvalidImageError);
    const face = await sharp({
      create: { width: 8, height: 8, channels: 3, background: '#888' },
    })
      .png()
      .toBuffer();
    await expect(composeFrame(face, { faceSize: 500 })).rejects.toBeInstanceOf(RangeError);
  });
});
