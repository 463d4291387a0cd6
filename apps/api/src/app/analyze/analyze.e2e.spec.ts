import sharp from 'sharp';
import { testDatabaseKinds } from '@attune/persistence/testing';
import { datasetsDir, emptyFrame, happyFrame } from '../../testing/face-fixtures';
import { startTestServer, TestServer } from '../../testing/test-server';
import { MAX_UPLOAD_BYTES } from './analyze.controller';

jest.setTimeout(60_000);

const DATASETS = datasetsDir();
if (!DATASETS) console.warn('Upload analysis of a real face skipped: no ../shared/datasets (set DATASETS_DIR)');
const withFaces = DATASETS ? it : it.skip;

/** Posts bytes as the multipart field `name`, declaring whatever type and file name the test wants. */
async function upload(
  server: TestServer,
  bytes: Uint8Array,
  opts: { name?: string; type?: string; file?: string } = {},
) {
  const form = new FormData();
  form.append(
    opts.name ?? 'image',
    new Blob([new Uint8Array(bytes)], { type: opts.type ?? 'image/jpeg' }),
    opts.file ?? 'photo.jpg',
  );
  const res = await fetch(`${server.url}/api/analyze/image`, { method: 'POST', body: form });
  return { status: res.status, body: await res.json() };
}

describe.each(testDatabaseKinds())('POST /api/analyze/image on %s', (kind) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  withFaces('finds the face in a photo with its box and distribution', async () => {
    const { status, body } = await upload(server, await happyFrame(DATASETS as string));
    expect(status).toBe(200);
    expect(body).toMatchObject({ width: 640, height: 480, type: 'jpeg', models: { detector: 'blazeface' } });
    expect(body.faces).toHaveLength(1);
    const [face] = body.faces;
    expect(face.label).toBe('happy');
    // The face is pasted at the centre of the frame (220 px square).
    expect(face.box.x + face.box.width / 2).toBeCloseTo(0.5, 1);
    expect(face.pixels.width).toBeCloseTo(face.box.width * 640, 3);
    const total = Object.values(face.distribution as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 6);
  });

  it('answers a PNG without faces with an empty list, whatever its declared type', async () => {
    const png = await sharp(await emptyFrame())
      .png()
      .toBuffer();
    const { status, body } = await upload(server, png, { type: 'application/octet-stream', file: 'x.bin' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ type: 'png', faces: [] });
  });

  it('refuses with 415 a file that is not JPEG or PNG, even when named and declared as one', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;');
    const { status, body } = await upload(server, gif, { type: 'image/jpeg', file: 'face.jpg' });
    expect(status).toBe(415);
    expect(body.message).toMatch(/JPEG or PNG/);
  });

  it('trusts the bytes, not the name: PNG bytes named .jpg are a PNG, text named .png is refused with 415', async () => {
    const png = await sharp(await emptyFrame())
      .png()
      .toBuffer();
    const renamed = await upload(server, png, { type: 'image/jpeg', file: 'holiday.jpg' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.type).toBe('png');
    const text = new TextEncoder().encode('just some text, not an image at all\n');
    const fake = await upload(server, text, { type: 'image/png', file: 'face.png' });
    expect(fake.status).toBe(415);
    expect(fake.body.message).toMatch(/JPEG or PNG/);
    // A script with a JPEG's name and type, and an SVG (which could carry script), are not images here either.
    for (const [bytes, file] of [
      ['<script>alert(1)</script>', 'x.jpg'],
      ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'x.png'],
    ]) {
      const res = await upload(server, new TextEncoder().encode(bytes), { type: 'image/jpeg', file });
      expect(res.status).toBe(415);
    }
  });

  it('refuses with 422 a JPEG that is cut off', async () => {
    const jpeg = await emptyFrame();
    const { status, body } = await upload(server, jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    expect(status).toBe(422);
    expect(body.message).toMatch(/jpeg file is broken/);
  });

  it('refuses with 422 a request without an image', async () => {
    const res = await fetch(`${server.url}/api/analyze/image`, { method: 'POST', body: new FormData() });
    expect(res.status).toBe(422);
    expect((await res.json()).message).toMatch(/multipart field "image"/);
  });

  it('refuses with 413 an upload over 5 MB', async () => {
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    const { status, body } = await upload(server, big);
    expect(status).toBe(413);
    expect(body.message).toMatch(/too large/i);
  });
});
