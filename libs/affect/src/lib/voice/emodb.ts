import { decodeWav, detectVoice, framesOf, summariseFrames, toMono, windowsOfFrames } from '@attune/audio-features';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EMODB_CLASSES, parseEmoDbName, type EmoDbClass } from './emodb-labels';

export interface VoiceSample {
  file: string;
  speaker: string;
  label: EmoDbClass;
  /** Index of `label` in `EMODB_CLASSES`. */
  classIndex: number;
  /** Utterance vector (`FEATURE_NAMES` order); null when VAD found no speech. */
  features: Float32Array | null;
  /** The voiced live windows (1 s every 0.5 s) of the utterance, as the browser would send them. */
  windows: Float32Array[];
}

/** Utterance vector and voiced window vectors of one recording, from one pass over its frames. */
export function voiceFeatures(signal: Float32Array, sampleRate: number): Pick<VoiceSample, 'features' | 'windows'> {
  const frames = framesOf(signal, sampleRate);
  const voiced = detectVoice(frames);
  return {
    features: voiced.some(Boolean) ? summariseFrames(frames, voiced) : null,
    windows: windowsOfFrames(frames).flatMap((w) => (w.vector ? [w.vector] : [])),
  };
}

/**
 * The EmoDB-named WAVs of a folder: `<dir>/*.wav`, or `<dir>/wav/*.wav` (the public layout,
 * `DATASETS_DIR/emodb`). Files whose names do not parse are skipped.
 */
export async function listEmoDb(dir: string): Promise<{ path: string; speaker: string; label: EmoDbClass }[]> {
  const wavDir = (await hasWavFolder(dir)) ? join(dir, 'wav') : dir;
  const names = (await readdir(wavDir)).filter((n) => n.toLowerCase().endsWith('.wav')).sort();
  return names.flatMap((name) => {
    const parsed = parseEmoDbName(name);
    return parsed ? [{ path: join(wavDir, name), speaker: parsed.speaker, label: parsed.label }] : [];
  });
}

/** Reads every EmoDB WAV of a folder and computes its utterance features. */
export async function loadEmoDb(
  dir: string,
  onProgress?: (done: number, total: number) => void,
): Promise<VoiceSample[]> {
  const files = await listEmoDb(dir);
  if (files.length === 0) throw new Error(`no EmoDB-named WAV files in ${dir}`);
  const samples: VoiceSample[] = [];
  for (const [i, f] of files.entries()) {
    const audio = decodeWav(await readFile(f.path));
    samples.push({
      file: f.path,
      speaker: f.speaker,
      label: f.label,
      classIndex: EMODB_CLASSES.indexOf(f.label),
      ...voiceFeatures(toMono(audio), audio.sampleRate),
    });
    onProgress?.(i + 1, files.length);
  }
  return samples;
}

async function hasWavFolder(dir: string): Promise<boolean> {
  try {
    return (await readdir(join(dir, 'wav'))).length > 0;
  } catch {
    return false;
  }
}
