import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { Emotion } from '@attune/protocol';
import {
  chooseBackend,
  dairPath,
  DEFAULT_TEXT_MODEL,
  faceHeldOut,
  faceModelCatalog,
  FALLBACK_FACE_MODEL,
  limitHeldOut,
  loadEmoDb,
  readDairFile,
  readFaceEvalData,
  readHeldOutSet,
  runFusionStudySeeds,
  TextEmotionModel,
  textHeldOut,
  textModelDir,
  voiceHeldOut,
  writeHeldOutSet,
  type FaceCropClassifier,
  type FusionStudySummary,
  type HeldOutSet,
  type LabelledImage,
  type LabelledText,
} from '@attune/affect';
import type { CliConfig } from '../cli-config';
import { commandGroup } from '../command-group';
import { printJson, printLines } from '../output';

interface EvalFusionOptions {
  faceModel?: string;
  textModel: string;
  modelsDir: string;
  triples: string;
  seeds: string;
  limit?: string;
  cache?: string;
  voiceHeldOut: string;
  out?: string;
  corruptionPrior?: string;
  corruptionSwitch?: string;
  json?: boolean;
}

/** The classes face (FER2013), voice (EmoDB) and text (dair) can all express. */
const SHARED_LABELS: Emotion[] = ['angry', 'fear', 'happy', 'sad'];

export const DEFAULT_VOICE_HELD_OUT = 'experiments/fusion/voice-emodb-loso-held-out.json';

/**
 * `attune eval fusion`: the offline study of late fusion over held-out face, voice and text
 * predictions (libs/affect fusion-study). The voice predictions are the voice-emodb recipe's own
 * leave-one-speaker-out ones, read from --voice-held-out; when that file is absent they are
 * computed (8 folds, minutes) and written there, the same file `attune eval voice --protocol
 * loso --held-out-out` writes.
 */
export function registerEvalFusion(program: Command, config: CliConfig): void {
  commandGroup(program, 'eval', 'evaluate models on labelled data')
    .command('fusion')
    .description('offline fusion study on held-out face/voice/text triples sharing a label; last line one JSON object')
    .option('--face-model <id>', 'a registered face model (default: the catalog default for fer2013)')
    .option('--text-model <id>', 'a trained text model under --models-dir', DEFAULT_TEXT_MODEL)
    .option('--models-dir <dir>', 'where trained models live', 'models')
    .option('--triples <n>', 'triples per class and seed', positiveInt, '500')
    .option('--seeds <list>', 'comma-separated seeds of the split and the draws', '1,2,3,4,5')
    .option('--limit <n>', 'at most n held-out samples per class and modality (smoke tests)', positiveInt)
    .option(
      '--voice-held-out <file>',
      "the voice model's leave-one-speaker-out predictions (HeldOutSet JSON); computed and written there when absent",
      DEFAULT_VOICE_HELD_OUT,
    )
    .option('--cache <dir>', 'keep the face held-out predictions here and reuse them (they take minutes)')
    .option('--out <file>', 'also write the JSON result to this file')
    .option(
      '--corruption-prior <p>',
      'fusion: prior probability that a stream is corrupted (sensitivity runs)',
      probability,
    )
    .option('--corruption-switch <p>', 'fusion: probability that a stream changes state between readings', probability)
    .option('--json', 'print only the JSON line')
    .action(async (opts: EvalFusionOptions) => {
      const seeds = parseSeeds(opts.seeds);
      const limit = opts.limit === undefined ? undefined : Number(opts.limit);
      const limited = (set: HeldOutSet) => (limit === undefined ? set : limitHeldOut(set, limit));
      const progress = (what: string) => (done: number, total: number) =>
        process.stderr.write(`\r${what} ${done}/${total}`);

      const text = new TextEmotionModel(textModelDir(opts.modelsDir, opts.textModel));
      await text.load();
      const dair = await readDairFile(dairPath(config.datasetsDir, 'val'));
      const textSet = textHeldOut(text, firstPerClass(dair, limit), 'dair-ai emotion val (never trained on)');

      const voiceSet = limited(await voicePredictions(resolve(opts.voiceHeldOut), join(config.datasetsDir, 'emodb')));

      const faceName = `face-held-out-${opts.faceModel ?? 'fer2013-default'}${limit ? `-limit${limit}` : ''}.json`;
      const faceSet = await cached(opts.cache, faceName, async () => {
        await chooseBackend();
        const face = await faceClassifier(opts.modelsDir, opts.faceModel);
        const fer = await readFaceEvalData('fer2013', join(config.datasetsDir, 'fer2013'), 'validation');
        const shared = fer.samples.filter((s): s is LabelledImage => (SHARED_LABELS as string[]).includes(s.label));
        try {
          return await faceHeldOut(
            face,
            firstPerClass(shared, limit),
            'FER2013 validation (PublicTest) crops, 48x48; never trained on',
            progress('FER2013'),
          );
        } finally {
          face.dispose();
          process.stderr.write('\n');
        }
      });

      const result = runFusionStudySeeds(
        { face: faceSet, voice: voiceSet, text: textSet },
        {
          labels: SHARED_LABELS,
          triplesPerClass: Number(opts.triples),
          seeds,
          fusion: {
            ...(opts.corruptionPrior !== undefined && { corruptionPrior: Number(opts.corruptionPrior) }),
            ...(opts.corruptionSwitch !== undefined && { corruptionSwitch: Number(opts.corruptionSwitch) }),
          },
        },
      );
      if (opts.out) {
        await mkdir(dirname(resolve(opts.out)), { recursive: true });
        await writeFile(resolve(opts.out), JSON.stringify(result, null, 2) + '\n');
      }
      if (!opts.json) printLines(summary(result));
      printJson(result);
    });
}

async function voicePredictions(file: string, emodbDir: string): Promise<HeldOutSet> {
  if (existsSync(file)) return readHeldOutSet(file);
  process.stderr.write(`attune: ${file} absent; computing the voice model's leave-one-speaker-out predictions\n`);
  await chooseBackend();
  const samples = await loadEmoDb(emodbDir, (d, t) => process.stderr.write(`\rEmoDB ${d}/${t}`));
  process.stderr.write('\n');
  const { set } = await voiceHeldOut(samples, {}, (f) => process.stderr.write(`voice fold ${f.speaker}: n=${f.n}\n`));
  await writeHeldOutSet(file, set);
  return set;
}

async function cached(dir: string | undefined, name: string, compute: () => Promise<HeldOutSet>): Promise<HeldOutSet> {
  if (!dir) return compute();
  const file = join(resolve(dir), name);
  if (existsSync(file)) return readHeldOutSet(file);
  const set = await compute();
  await writeHeldOutSet(file, set);
  return set;
}

async function faceClassifier(modelsDir: string, requested?: string): Promise<FaceCropClassifier> {
  const catalog = await faceModelCatalog(resolve(modelsDir));
  const { entry, warning } = catalog.resolve('fer2013', requested);
  if (warning) process.stderr.write(`attune: ${warning}\n`);
  try {
    const classifier = entry.create();
    await classifier.load();
    return classifier;
  } catch (err) {
    if (requested) throw err;
    process.stderr.write(
      `attune: face model ${entry.id} did not load (${String(err)}); using ${FALLBACK_FACE_MODEL}\n`,
    );
    const fallback = catalog.get(FALLBACK_FACE_MODEL)?.create();
    if (!fallback) throw err;
    await fallback.load();
    return fallback;
  }
}

/** The first `limit` items of each label, in file order (all of them without a limit). */
function firstPerClass<T extends LabelledImage | LabelledText>(items: readonly T[], limit?: number): T[] {
  if (limit === undefined) return [...items];
  const seen = new Map<string, number>();
  return items.filter((item) => {
    const n = seen.get(item.label) ?? 0;
    seen.set(item.label, n + 1);
    return n < limit;
  });
}

function parseSeeds(list: string): number[] {
  const seeds = list.split(',').map((s) => Number(s.trim()));
  if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s)))
    throw new InvalidArgumentError(`--seeds: expected comma-separated integers, got ${list}`);
  return seeds;
}

function probability(value: string): string {
  const p = Number(value);
  if (!(p >= 0 && p <= 1)) throw new InvalidArgumentError(`expected a probability in [0, 1], got ${value}`);
  return value;
}

function positiveInt(value: string): string {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError(`expected a positive integer, got ${value}`);
  return value;
}

function summary(r: FusionStudySummary): string[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    `fusion study on ${r.labels.join(', ')}: ${r.triples} triples per seed, seeds ${r.seeds.join(',')}`,
    ...Object.entries(r.sources).map(
      ([m, s]) =>
        `  ${m}: ${s.modelId} — ${s.source}; ${s.heldOut} held out, calibration ${s.calibration}, test ${s.test}`,
    ),
    'condition                              accuracy mean    min   macro-F1 mean    min',
    ...Object.entries(r.conditions).map(
      ([name, c]) =>
        `${name.padEnd(38)} ${pct(c.accuracy.mean).padStart(13)} ${pct(c.accuracy.min).padStart(6)} ${pct(c.macroF1.mean).padStart(15)} ${pct(c.macroF1.min).padStart(6)}`,
    ),
    ...Object.entries(r.acceptance.perCondition).map(
      ([name, c]) =>
        `${c.holds ? 'HOLDS' : 'FAILS'} ${name}: ${c.seedsHeld}/${c.seeds} seeds, margin over ${[...new Set(c.references)].join('/')} mean ${pct(c.margin.mean)}, min ${pct(c.margin.min)}`,
    ),
    `beats best single: ${r.acceptance.beatsBestSingle}; degrades gracefully: ${r.acceptance.degradesGracefully}`,
  ];
}
