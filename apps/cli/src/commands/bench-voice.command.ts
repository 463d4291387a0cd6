import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { chooseBackend, latencyOf, listEmoDb, VOICE_MODEL_ID, VoiceEmotionModel } from '@attune/affect';
import { decodeWav, extractFrames, FEATURE_CONFIG, resample, summariseWindow, toMono } from '@attune/audio-features';
import type { CliConfig } from '../cli-config';
import { commandGroup } from '../command-group';
import { printJson, printLines } from '../output';

interface BenchVoiceOptions {
  windows: number;
  modelsDir: string;
  model: string;
  json?: boolean;
}

/** Samples of one live window: 100 frames of 512 with hop 160. */
const WINDOW_SAMPLES = (FEATURE_CONFIG.windowFrames - 1) * FEATURE_CONFIG.hopSize + FEATURE_CONFIG.frameSize;

/**
 * `attune bench voice`: per 1-s window, feature extraction (frames + VAD + summary, from 16 kHz
 * samples) and inference (one window through the served model) timed separately, on one thread.
 */
export function registerBenchVoice(program: Command, config: CliConfig): void {
  commandGroup(program, 'bench', 'benchmarks on this machine')
    .command('voice')
    .description('voice: ms per 1-s window for feature extraction and for inference (p50/p95, one thread)')
    .option('--windows <n>', 'timed windows', positive, 200)
    .option('--model <id>', 'trained model folder under --models-dir', VOICE_MODEL_ID)
    .option('--models-dir <dir>', 'where trained models live', 'models')
    .option('--json', 'print only the JSON line')
    .action(async (opts: BenchVoiceOptions) => {
      const backend = await chooseBackend();
      const signals = await speechWindows(join(config.datasetsDir, 'emodb'), opts.windows);
      const model = new VoiceEmotionModel({ modelDir: join(opts.modelsDir, opts.model) });
      await model.load();
      await model.warmup();
      try {
        const vectors: Float32Array[] = [];
        const extractMs: number[] = [];
        for (const [i, signal] of [...signals.slice(0, 5), ...signals].entries()) {
          const started = performance.now();
          const vector = summariseWindow(extractFrames(signal));
          if (i < 5) continue; // warm-up
          extractMs.push(performance.now() - started);
          if (vector) vectors.push(vector);
        }
        const speaker = model.newSpeaker();
        const inferMs: number[] = [];
        for (const [i, vector] of [...vectors.slice(0, 5), ...vectors].entries()) {
          const started = performance.now();
          model.estimateWindows([vector], speaker);
          if (i >= 5) inferMs.push(performance.now() - started);
        }
        const result = {
          model: model.id,
          windowSeconds: WINDOW_SAMPLES / FEATURE_CONFIG.sampleRate,
          source: signals.real ? 'EmoDB speech' : 'synthetic voiced signal (EmoDB not found)',
          msPerWindow: { features: latencyOf(extractMs), inference: latencyOf(inferMs) },
          machine: {
            cpu: cpus()[0]?.model ?? 'unknown',
            cores: cpus().length,
            threads: 1,
            node: process.version,
            backend,
            loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
          },
        };
        if (!opts.json)
          printLines([
            `features  p50 ${result.msPerWindow.features.p50.toFixed(2)} ms, p95 ${result.msPerWindow.features.p95.toFixed(2)} ms per 1-s window (${extractMs.length} windows)`,
            `inference p50 ${result.msPerWindow.inference.p50.toFixed(3)} ms, p95 ${result.msPerWindow.inference.p95.toFixed(3)} ms per window (${inferMs.length} voiced windows, tfjs ${backend})`,
            `${result.machine.cpu}, ${result.machine.cores} cores, node ${result.machine.node}, load ${result.machine.loadAverage.join(' ')}`,
          ]);
        printJson(result);
      } finally {
        model.dispose();
      }
    });
}

/** 1-s windows of 16 kHz EmoDB speech (or a synthetic vowel when the dataset is absent). */
async function speechWindows(dir: string, count: number): Promise<Float32Array[] & { real: boolean }> {
  const out = [] as unknown as Float32Array[] & { real: boolean };
  out.real = false;
  try {
    for (const file of await listEmoDb(dir)) {
      const audio = decodeWav(await readFile(file.path));
      const signal = resample(toMono(audio), audio.sampleRate, FEATURE_CONFIG.sampleRate);
      for (let s = 0; s + WINDOW_SAMPLES <= signal.length && out.length < count; s += WINDOW_SAMPLES)
        out.push(signal.slice(s, s + WINDOW_SAMPLES));
      if (out.length >= count) break;
    }
    out.real = out.length > 0;
  } catch {
    // no dataset: fall through to the synthetic signal
  }
  while (out.length < count) out.push(vowel(out.length));
  return out;
}

function vowel(seed: number): Float32Array {
  const x = new Float32Array(WINDOW_SAMPLES);
  const f0 = 110 + (seed % 7) * 20;
  for (let i = 0; i < x.length; i++) {
    const t = i / FEATURE_CONFIG.sampleRate;
    for (let h = 1; h <= 10; h++) x[i] += (0.2 / h) * Math.sin(2 * Math.PI * f0 * h * t);
  }
  return x;
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive integer');
  return n;
}
