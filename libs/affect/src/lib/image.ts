import sharp from 'sharp';
import { errorMessage } from './error-message';

/** The bytes are not an image sharp can decode (or are larger than `MAX_INPUT_PIXELS`). */
export class InvalidImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidImageError';
  }
}

/** Interleaved 8-bit RGB, row-major, `width * height * 3` bytes. */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Larger inputs are refused before decoding, so a small compressed file cannot exhaust memory. */
export const MAX_INPUT_PIXELS = 4096 * 4096;

/** Decodes JPEG, PNG, WebP, ... to RGB: alpha dropped, grey expanded, EXIF orientation applied. */
export async function decodeImage(bytes: Uint8Array): Promise<RgbImage> {
  let decoded: { data: Buffer; info: sharp.OutputInfo };
  try {
    decoded = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new InvalidImageError(`not a decodable image: ${errorMessage(error)}`);
  }
  const { data, info } = decoded;
  if (info.channels !== 3) throw new InvalidImageError(`decoded to ${info.channels} channels, expected RGB`);
  // A view made in this realm: tfjs recognises typed arrays with `instanceof`, which a Node Buffer
  // fails under jest's per-test realms.
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  };
}

/** Decodes an image to grey (BT.601 luma) and resizes it (aspect ignored: a face crop is square) to `size` x `size`. */
export async function decodeGreySquare(bytes: Uint8Array, size: number): Promise<Uint8Array> {
  let data: Buffer;
  try {
    data = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .greyscale()
      .resize(size, size, { fit: 'fill' })
      .extractChannel(0)
      .raw()
      .toBuffer();
  } catch (error) {
    throw new InvalidImageError(`not a decodable image: ${errorMessage(error)}`);
  }
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
