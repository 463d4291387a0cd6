import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Emotion } from '@attune/protocol';
import {
  chooseBackend,
  dairPath,
  DEFAULT_TEXT_MODEL,
  faceHeldOut,
  faceModelCatalog,
  FALLBACK_FACE_MODEL,
  readDairFile,
  readFaceEvalData,
  runFusionStudy,
  TextEmotionModel,
  textHeldOut,
  textModelDir,
  voiceStandInHeldOut,
  type FaceCropClassifier,
  type FusionStudyResult,
  type HeldOutSet,
} from '@attune/affect';
import type { CliConfig } from '../cli-config';
import { commandGroup } from '../command-group';
import { printJson, printLines } from '../output';

interface EvalFusionOptions {
  faceModel?: string;
  textModel: string;
  modelsDir: string;
  triples: string;
  seed: string;
  cache?: string;
  voiceHeldOut?: string;
  json?: boolean;
}

/** The classes face (FER2013), voice (EmoDB) and text (dair) can all express. */
const SHARED_LABELS: Emotion[] = ['angry', 'fear', 'happy', 'sad'];

/** `attune eval fusion`: the offline study of late fusion over held-out face, voice and text predictions. */
export function registerEvalFusion(program: Command, config: CliConfig): void {
  commandGroup(program, 'eval', 'evaluate models on labelled data')
    .command('fusion')
    .description('offline fusion study on held-out face/voice/text triples sharing a label; last line one JSON object')
    .option('--face-model <id>', 'a registered face model (default: the catalog default for fer2013)')
    .option('--text-model <id>', 'a trained text model under --models-dir', DEFAULT_TEXT_MODEL)
    .option('--models-dir <dir>', 'where trained models live', 'models')
    .option('--triples <n>', 'triples per class', '500')
    .option('--seed <n>', 'seed of the split and the draws', '7')
    .option('--cache <dir>', 'keep the voice and face held-out predictions here and reuse them (they take minutes)')
    .option(
      '--voice-held-out <file>',
      "the voice model's own leave-one-speaker-out predictions (HeldOutSet JSON) instead of the stand-in",
    )
    .option('--json', 'print only the JSON line')
    .action(async (opts: EvalFusionOptions) => {
      const progress = (what: string) => (done: number, total: number) =>
        process.stderr.write(`\r${what} ${done}/${total}`);
      const text = new TextEmotionModel(textModelDir(opts.modelsDir, opts.textModel));
      await text.load();
      const textSet = textHeldOut(
        text,
        await readDairFile(dairPath(config.datasetsDir, 'val')),
        'dair-ai emotion val (never trained on)',
      );

      const voiceSet = opts.voiceHeldOut
        ? (JSON.parse(await readFile(resolve(opts.voiceHeldOut), 'utf8')) as HeldOutSet)
        : await cached(opts.cache, 'voice-held-out.json', async () => {
            const set = await voiceStandInHeldOut(join(config.datasetsDir, 'emodb'), undefined, progress('EmoDB'));
            process.stderr.write('\n');
            return set;
          });
      const faceSet = await cached(opts.cache, `face-held-out-${opts.faceModel ?? 'default'}.json`, async () => {
        await chooseBackend();
        const face = await faceClassifier(opts.modelsDir, opts.faceModel);
        const fer = await readFaceEvalData('fer2013', join(config.datasetsDir, 'fer2013'), 'validation');
        const faceSamples = fer.samples.filter((s) => (SHARED_LABELS as string[]).includes(s.label));
        try {
          return await faceHeldOut(
            face,
            faceSamples,
            'FER2013 validation (PublicTest) crops, 48x48',
            progress('FER2013'),
          );
        } finally {
          face.dispose();
          process.stderr.write('\n');
        }
      });

      const result = runFusionStudy(
        { face: faceSet, voice: voiceSet, text: textSet },
        { labels: SHARED_LABELS, triplesPerClass: Number(opts.triples), seed: Number(opts.seed) },
      );
      if (!opts.json) printLines(summary(result));
      printJson(result);
    });
}

async function cached(dir: string | undefined, name: string, compute: () => Promise<HeldOutSet>): Promise<HeldOutSet> {
  if (!dir) return compute();
  const file = join(resolve(dir), name);
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as HeldOutSet;
  const set = await compute();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(set));
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

function summary(r: FusionStudyResult): string[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    `fusion study on ${r.labels.join(', ')}: ${r.triples} triples, seed ${r.seed}`,
    ...Object.entries(r.sources).map(
      ([m, s]) => `  ${m}: ${s.modelId} — ${s.source}; calibration ${s.calibration}, test ${s.test}`,
    ),
    'condition                         accuracy  macro-F1',
    ...Object.entries(r.conditions).map(
      ([name, c]) => `${name.padEnd(33)} ${pct(c.accuracy).padStart(8)} ${pct(c.macroF1).padStart(9)}`,
    ),
    ...r.checks.map(
      (c) => `${c.pass ? 'PASS' : 'FAIL'} ${c.name}: ${pct(c.fusion)} vs ${c.referenceName} ${pct(c.reference)}`,
    ),
  ];
}
