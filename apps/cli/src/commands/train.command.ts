import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  assembleFaceEnsemble,
  isEnsembleConfig,
  parseFaceEnsembleConfig,
  parseFaceTrainingConfig,
  runFaceTraining,
  trainingCurvePngs,
  accuracy,
  confusionMatrixSvg,
  foldMeanHistory,
  macroF1,
  perClassMetrics,
  svgToPng,
  type EpochRecord,
  type TrainedModelMetadata,
} from '@attune/affect';
import type { CliConfig } from '../cli-config';
import { printJson } from '../output';

interface TrainFaceOptions {
  config: string;
  resume?: boolean;
  maxEpochs?: string;
  limit?: string;
  workers?: string;
  modelsDir: string;
}

/**
 * `attune train face --config experiments/face/<file>.json`: trains on the wasm backend into
 * models/<id>/ (checkpoint every epoch in models/<id>/checkpoint/; --resume continues from it),
 * or, for a config listing `members`, writes an ensemble of trained models with its measured accuracy.
 * Progress goes to stderr; the last stdout line is metadata.json's content as JSON.
 */
export function registerTrain(program: Command, config: CliConfig): void {
  const train = program.command('train').description('train models');
  train
    .command('face')
    .description('train a face-expression model from an experiments/face config')
    .requiredOption('--config <file>', 'training config (experiments/face/*.json)')
    .option('--resume', 'continue from the last checkpoint of this config')
    .option('--max-epochs <n>', 'stop after n epochs in this invocation (resume later)')
    .option('--limit <n>', 'at most n items per split (smoke runs)')
    .option(
      '--workers <n>',
      "data-parallel: split each batch n ways over n threads (one per core); batch norm then uses each share's statistics",
    )
    .option('--models-dir <dir>', 'where models are written', 'models')
    .action(async (opts: TrainFaceOptions) => {
      const json: unknown = JSON.parse(readFileSync(opts.config, 'utf8'));
      const log = (line: string) => process.stderr.write(`${line}\n`);
      if (isEnsembleConfig(json)) {
        // An ensemble of trained models: nothing to train, its validation accuracy is measured.
        const metadata = await assembleFaceEnsemble(parseFaceEnsembleConfig(json), {
          datasetsDir: config.datasetsDir,
          modelsDir: opts.modelsDir,
          limit: positive(opts.limit, '--limit'),
          log,
        });
        return printJson({ id: metadata.id, complete: true, metadata });
      }
      const trainingConfig = parseFaceTrainingConfig(json);
      const outcome = await runFaceTraining(trainingConfig, {
        datasetsDir: config.datasetsDir,
        modelsDir: opts.modelsDir,
        resume: opts.resume ?? false,
        maxEpochs: positive(opts.maxEpochs, '--max-epochs'),
        limit: positive(opts.limit, '--limit'),
        workers: positive(opts.workers, '--workers'),
        log,
      });
      if (!outcome.complete) process.stderr.write(`stopped before the end: resume with --resume\n`);
      printJson({ id: trainingConfig.id, complete: outcome.complete, metadata: outcome.metadata ?? null });
    });
  train
    .command('report')
    .description("a trained model's card figures: training curves, cross-validated confusion matrix, per-class P/R/F1")
    .requiredOption('--model <id>', 'a model trained by `attune train face` (models/<id>/)')
    .option('--models-dir <dir>', 'where models are', 'models')
    .action(async (opts: { model: string; modelsDir: string }) => {
      printJson(await writeTrainingReport(opts.modelsDir, opts.model));
    });
}

/**
 * Writes `<id>.training-{accuracy,loss}.png` (for a cross-validated model, the mean of its folds'
 * curves, whose held-out data are unseen subjects; otherwise train against validation; none for
 * an ensemble) and, for a
 * cross-validated model, `<id>.cv-confusion.png` summed over the held-out folds. Returns the
 * figures for the card: the metadata's confusion matrix as accuracy, macro-F1 and per-class P/R/F1.
 */
async function writeTrainingReport(modelsDir: string, id: string) {
  const dir = join(modelsDir, id);
  const metadata = JSON.parse(await readFile(join(dir, 'metadata.json'), 'utf8')) as TrainedModelMetadata;
  const foldsFile = join(dir, 'folds.json');
  const folds = existsSync(foldsFile)
    ? (JSON.parse(await readFile(foldsFile, 'utf8')) as Array<{ history?: EpochRecord[] }>)
    : undefined;
  const history = folds
    ? foldMeanHistory(folds)
    : (JSON.parse(await readFile(join(dir, 'history.json'), 'utf8')) as EpochRecord[]);
  const names = folds ? { heldOut: 'held-out subjects', note: `mean of ${folds.length} folds` } : {};
  const written: string[] = [];
  const write = async (suffix: string, png: Buffer) => {
    const out = join(modelsDir, `${id}.${suffix}.png`);
    await writeFile(out, png);
    written.push(out);
  };
  // An ensemble has no epochs of its own.
  if (history.length > 0) {
    const curves = await trainingCurvePngs(id, history, names);
    await write('training-accuracy', curves.accuracy);
    await write('training-loss', curves.loss);
  }
  const confusion = metadata.metrics['confusion'] as { labels: string[]; matrix: number[][] } | undefined;
  if (folds && confusion) {
    const title = `${id}: ${folds.length} subject-grouped folds, held-out (n = ${confusion.matrix.flat().reduce((a, b) => a + b, 0)})`;
    await write('cv-confusion', await svgToPng(confusionMatrixSvg({ ...confusion, title })));
  }
  const perClass = confusion ? perClassMetrics(confusion.matrix) : [];
  return {
    model: id,
    epochs: history.length,
    written,
    ...(confusion
      ? {
          accuracy: accuracy(confusion.matrix),
          macroF1: macroF1(confusion.matrix),
          perClass: Object.fromEntries(confusion.labels.map((label, i) => [label, perClass[i]])),
        }
      : {}),
  };
}

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return n;
}
