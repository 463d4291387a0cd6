import { readFileSync } from 'node:fs';
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
  type EpochRecord,
} from '@attune/affect';
import type { CliConfig } from '../cli-config';
import { printJson } from '../output';

interface TrainFaceOptions {
  config: string;
  resume?: boolean;
  maxEpochs?: string;
  limit?: string;
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
        log,
      });
      if (!outcome.complete) process.stderr.write(`stopped before the end: resume with --resume\n`);
      printJson({ id: trainingConfig.id, complete: outcome.complete, metadata: outcome.metadata ?? null });
    });
  train
    .command('curves')
    .description("draw a trained model's accuracy and loss per epoch for its model card")
    .requiredOption('--model <id>', 'a model trained by `attune train face` (models/<id>/history.json)')
    .option('--models-dir <dir>', 'where models are', 'models')
    .action(async (opts: { model: string; modelsDir: string }) => {
      const file = join(opts.modelsDir, opts.model, 'history.json');
      const history = JSON.parse(await readFile(file, 'utf8')) as EpochRecord[];
      const pngs = await trainingCurvePngs(opts.model, history);
      const written = [];
      for (const [curve, png] of Object.entries(pngs)) {
        const out = join(opts.modelsDir, `${opts.model}.training-${curve}.png`);
        await writeFile(out, png);
        written.push(out);
      }
      printJson({ model: opts.model, epochs: history.length, written });
    });
}

function positive(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return n;
}
