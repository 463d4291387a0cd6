import { encodeWav16 } from '@attune/audio-features';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listEmoDb, loadEmoDb } from './emodb';

function vowel(seconds: number, f0: number, rate = 22050): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => {
    let v = 0;
    for (let h = 1; h <= 8; h++) v += Math.sin((2 * Math.PI * f0 * h * i) / rate) / h;
    return 0.15 * v;
  });
}

describe('EmoDB loader', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'emodb-'));
    await mkdir(join(dir, 'wav'));
    await writeFile(join(dir, 'wav', '03a01Wa.wav'), encodeWav16(vowel(1.6, 160), 22050));
    await writeFile(join(dir, 'wav', '08b02Tc.wav'), encodeWav16(vowel(1.2, 210), 22050));
    await writeFile(join(dir, 'wav', '08b03Nc.wav'), encodeWav16(new Float32Array(22050), 22050)); // silence
    await writeFile(join(dir, 'wav', 'readme.wav'), encodeWav16(vowel(0.5, 100), 22050)); // not an EmoDB name
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists EmoDB-named WAVs in <dir>/wav (and <dir>) with speaker and label from the name', async () => {
    const files = await listEmoDb(dir);
    expect(files.map((f) => [f.speaker, f.label])).toEqual([
      ['03', 'anger'],
      ['08', 'sadness'],
      ['08', 'neutral'],
    ]);
    expect(await listEmoDb(join(dir, 'wav'))).toHaveLength(3);
  });

  it('computes utterance and window vectors; a silent file gets none (no estimate, not neutral)', async () => {
    const samples = await loadEmoDb(dir);
    const [anger, sad, silent] = samples;
    expect(anger.classIndex).toBe(0);
    expect(anger.features).not.toBeNull();
    expect(anger.windows.length).toBeGreaterThan(0);
    expect(sad.features).not.toBeNull();
    expect(silent.features).toBeNull();
    expect(silent.windows).toEqual([]);
  });
});
