import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AudioDecoder } from './audio-decoder';
import { extractMusicFeatures, type MusicFeatures } from './music-features';
import { energyOf, MUSIC_VA_MODEL, predictValenceArousal } from './music-va-model';

/**
 * Bump when the measured features change: cached analyses of another version are recomputed.
 * The valence/arousal model is applied to cached features on every read, so refitting it never
 * needs a re-decode.
 */
export const FEATURES_VERSION = 'features@1';

/** What the analysis says about one audio file; serialisable, and cached by content hash. */
export interface AudioAnalysis {
  /** FEATURES_VERSION and the valence/arousal model id. */
  version: string;
  /** SHA-256 of the file's bytes. */
  sha256: string;
  features: MusicFeatures;
  /** In [-1, 1]. */
  valence: number;
  arousal: number;
  tempo: number;
  /** In [0, 1]. */
  energy: number;
  /** Wall time of decoding + analysis when it was computed (a cache hit reports the original run's). */
  analysisSec: number;
}

export interface AnalyzeOptions {
  decoder: AudioDecoder;
  /** Folder of `<sha256>.json` results (e.g. `<DATA_DIR>/music-analysis`); no caching when absent. */
  cacheDir?: string;
  /** Ignore the cache and recompute. */
  force?: boolean;
}

export interface AnalyzeResult {
  analysis: AudioAnalysis;
  cached: boolean;
}

/** Analyses one file (or reads the cached result of the same bytes). Throws on unreadable or undecodable files. */
export async function analyzeAudioFile(path: string, options: AnalyzeOptions): Promise<AnalyzeResult> {
  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const cacheFile = options.cacheDir ? join(options.cacheDir, `${sha256}.json`) : null;
  if (cacheFile && !options.force) {
    const hit = await readCached(cacheFile);
    if (hit && hit.version.split('+')[0] === FEATURES_VERSION && hit.sha256 === sha256 && hit.features)
      return { analysis: analysisOf(sha256, hit.features, hit.analysisSec), cached: true };
  }
  const started = performance.now();
  const audio = await options.decoder.decode(bytes);
  const features = extractMusicFeatures(audio.samples, audio.sampleRate);
  const analysis = analysisOf(sha256, features, (performance.now() - started) / 1000);
  if (cacheFile && options.cacheDir) {
    await mkdir(options.cacheDir, { recursive: true });
    // Write-then-rename: a crash never leaves half a JSON file in the cache.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(analysis));
    await rename(tmp, cacheFile);
  }
  return { analysis, cached: false };
}

/** The descriptors derived from measured features. */
export function analysisOf(sha256: string, features: MusicFeatures, analysisSec: number): AudioAnalysis {
  const { valence, arousal } = predictValenceArousal(features);
  return {
    version: `${FEATURES_VERSION}+${MUSIC_VA_MODEL.id}`,
    sha256,
    features,
    valence,
    arousal,
    tempo: features.tempoBpm,
    energy: energyOf(features),
    analysisSec,
  };
}

async function readCached(file: string): Promise<AudioAnalysis | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as AudioAnalysis;
  } catch {
    return null;
  }
}
