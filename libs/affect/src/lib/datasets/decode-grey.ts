import sharp from 'sharp';

/** Decodes any image sharp reads to `size x size` grey 0..255 (stretched, as the public crops are square). */
export async function decodeGrey(file: string, size: number): Promise<Uint8Array> {
  const data = await sharp(file).greyscale().resize(size, size, { fit: 'fill' }).raw().toBuffer();
  if (data.length !== size * size) throw new Error(`${file}: decoded to ${data.length} bytes, expected ${size * size}`);
  // A copy in this realm: tfjs recognises typed arrays with `instanceof` (see image.ts).
  return Uint8Array.from(data);
}

/** Decodes files with bounded concurrency (libvips has its own thread pool; more in flight only costs memory). */
export async function decodeAll(files: readonly string[], size: number, concurrency = 32): Promise<Uint8Array> {
  const area = size * size;
  const pixels = new Uint8Array(files.length * area);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      pixels.set(await decodeGrey(files[i], size), i * area);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
  return pixels;
}
