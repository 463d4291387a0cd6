import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MUSIC_DIR } from '../demo-music-dir';
import { analyzeAudioFile, FEATURES_VERSION } from './analyze-audio';
import { AudioDecoder } from './audio-decoder';

const DEMO_FILE = join(DEMO_MUSIC_DIR ?? 'demo/music is missing', 'happy', 'through-space.ogg');

/** A mono 16-bit PCM WAV file holding `samples`. */
function wav(samples: Float32Array, rate: number): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(s * 32767))), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

describe('audio analysis (real demo audio, in a worker)', () => {
  const decoder = new AudioDecoder();
  let dir: string;
  let excerpt: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attune-analysis-'));
    // Decoding the real Ogg Vorbis file runs audio-decode (ESM-only) from jest's CommonJS runtime.
    const audio = await decoder.decode(await readFile(DEMO_FILE));
    expect(audio.sampleRate).toBe(44100);
    expect(audio.samples.length / audio.sampleRate).toBeCloseTo(35, 0);
    // Analyse 6 s of it, re-encoded as WAV, to keep the suite fast.
    excerpt = join(dir, 'excerpt.wav');
    await writeFile(excerpt, wav(audio.samples.subarray(10 * 44100, 16 * 44100), 44100));
  });
  afterAll(async () => {
    await decoder.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('analyses a file into descriptors in range, then serves the same bytes from the cache', async () => {
    const cacheDir = join(dir, 'cache');
    const first = await analyzeAudioFile(excerpt, { decoder, cacheDir });
    expect(first.cached).toBe(false);
    const a = first.analysis;
    expect(a.version).toMatch(new RegExp(`^${FEATURES_VERSION}\\+music-va-linear@`));
    expect(a.features.durationSec).toBeCloseTo(6, 2);
    for (const v of [a.valence, a.arousal]) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    expect(a.energy).toBeGreaterThan(0);
    expect(a.energy).toBeLessThan(1);
    expect(a.tempo).toBeGreaterThan(60);
    expect(a.tempo).toBeLessThan(180);
    // Its speed is measured by `attune catalog analyze`, not asserted here: a timed unit test fails on a busy machine.
    expect(a.analysisSec).toBeGreaterThan(0);
    expect(await readdir(cacheDir)).toEqual([`${a.sha256}.json`]);
    const second = await analyzeAudioFile(excerpt, { decoder, cacheDir });
    expect(second).toEqual({ analysis: a, cached: true });
  });

  it('reports an undecodable file as an error and keeps decoding the next', async () => {
    const bad = join(dir, 'bad.mp3');
    await writeFile(bad, 'this is not audio');
    await expect(analyzeAudioFile(bad, { decoder })).rejects.toThrow(/format|decod|audio/i);
    expect((await analyzeAudioFile(excerpt, { decoder })).analysis.features.durationSec).toBeCloseTo(6, 2);
  });
});
