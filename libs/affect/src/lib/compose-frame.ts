import sharp from 'sharp';
import { errorMessage } from './error-message';
import { InvalidImageError } from './image';

export interface ComposeFrameOptions {
  /** Frame size in pixels; 640x480 by default, a common webcam mode. */
  width?: number;
  height?: number;
  /** Side of the square the face is scaled to, centred in the frame; 220 by default. */
  faceSize?: number;
  /** Grey level 0..255 of the rest of the frame; 128 by default. */
  background?: number;
}

/**
 * A fake camera frame (JPEG) with a face image scaled and pasted in its centre: turns a dataset's
 * face crop into what the browser would send, for end-to-end tests and benchmarks.
 */
export async function composeFrame(faceBytes: Uint8Array, opts: ComposeFrameOptions = {}): Promise<Buffer> {
  const { width = 640, height = 480, faceSize = 220, background = 128 } = opts;
  if (faceSize > width || faceSize > height)
    throw new RangeError(`a ${faceSize}px face does not fit a ${width}x${height} frame`);
  let face: Buffer;
  try {
    face = await sharp(faceBytes)
      .removeAlpha()
      .toColourspace('srgb')
      .resize(faceSize, faceSize, { fit: 'cover' })
      .toBuffer();
  } catch (error) {
    throw new InvalidImageError(`not a decodable face image: ${errorMessage(error)}`);
  }
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: background, g: background, b: background },
    },
  })
    .composite([
      {
        input: face,
        left: Math.round((width - faceSize) / 2),
        top: Math.round((height - faceSize) / 2),
      },
    ])
    .jpeg({ quality: 90 })
    .toBuffer();
}
