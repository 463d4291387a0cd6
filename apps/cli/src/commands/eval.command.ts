import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import {
  chooseBackend,
  confusionMatrixSvg,
  evaluateFaceModel,
  FACE_DATASETS,
  faceModelCatalog,
  FER2013_SPLITS,
  readFaceEvalData,
  svgToPng,
  type FaceDataset,
  type FaceEvaluation,
} from '@attune/affect';
import { commandGroup } from '../command-group';
import { printJson, printLines } from '../output';

interface EvalFaceOptions {
  dataset: FaceDataset;
  data: string;
  model?: string;
  split?: (typeof FER2013_SPLITS)[number];
  modelsDir: string;
  chart?: string;
  json?: boolean;
}

/** `attune eval face`: a registered face model on a dataset folder's crops, no training, no detection. */
export function registerEval(program: Command): void {
  commandGroup(program, 'eval', 'evaluate models on labelled data')
    .command('face')
    .description('evaluate a face model on a CK+48 or FER2013 folder; prints metrics, last line one JSON object')
    .requiredOption('--dataset <name>', `layout of the folder: ${FACE_DATASETS.join(' | ')}`, oneOf(FACE_DATASETS))
    .requiredOption('--data <dir>', 'the dataset folder (ckplus48: <class>/*.png; fer2013: <split>/<class>/*.jpg)')
    .option('--model <id>', 'a registered face model (default: the catalog default for the dataset)')
    .option(
      '--split <split>',
      `fer2013 split: ${FER2013_SPLITS.join(' | ')} (default validation, else test)`,
      oneOf(FER2013_SPLITS),
    )
    .option('--models-dir <dir>', 'where trained models live', 'models')
    .option('--chart <file.png>', 'also render the confusion matrix as a PNG (for model cards)')
    .option('--json', 'print only the JSON line')
    .action(async (opts: EvalFaceOptions) => {
      const catalog = await faceModelCatalog(opts.modelsDir);
      const { entry, warning } = catalog.resolve(opts.dataset, opts.model);
      if (warning) process.stderr.write(`attune: ${warning}\n`);
      const data = await readFaceEvalData(opts.dataset, opts.data, opts.split);
      const trainedOn = entry.metadata?.dataset;
      // CK+48 has no fixed test split: a model trained on it has seen some (or all) of these subjects.
      if (trainedOn === opts.dataset && (opts.dataset === 'ckplus48' || data.split === 'train'))
        process.stderr.write(
          `attune: ${entry.id} was trained on ${trainedOn} (${entry.metadata?.protocol}); on its own training images this is not a held-out score\n`,
        );
      await chooseBackend();
      const classifier = entry.create();
      await classifier.load();
      try {
        const result = await evaluateFaceModel(classifier, data, {
          onProgress: (done, total) => process.stderr.write(`\r${done}/${total} images`),
        });
        process.stderr.write('\n');
        if (opts.chart)
          await writeFile(
            opts.chart,
            await svgToPng(confusionMatrixSvg({ ...result.confusion, title: chartTitle(result) })),
          );
        if (!opts.json) printLines(summary(result));
        printJson(result);
      } finally {
        classifier.dispose();
      }
    });
}

function chartTitle(r: FaceEvaluation): string {
  return `${r.model} on ${r.dataset}${r.split ? ` ${r.split}` : ''} (n=${r.n}, accuracy ${(100 * r.accuracy).toFixed(1)}%)`;
}

function summary(r: FaceEvaluation): string[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [
    `${r.model} on ${r.dataset}${r.split ? ` ${r.split}` : ''}: ${r.n} images, accuracy ${pct(r.accuracy)}, macro-F1 ${pct(r.macroF1)}, UAR ${pct(r.uar)}`,
  ];
  if (r.excludedLabels.length > 0)
    lines.push(
      `evaluated on the ${r.confusion.labels.length} shared classes; excluded (the model cannot output them): ${r.excludedLabels.join(', ')}`,
    );
  if (r.ignoredModelLabels.length > 0)
    lines.push(
      `model outputs not in the data, ignored in the argmax: ${r.ignoredModelLabels.join(', ')} (counted as errors: accuracy ${pct(r.openSetAccuracy)})`,
    );
  lines.push('class      precision  recall  f1     support');
  for (const [label, m] of Object.entries(r.perClass))
    lines.push(
      `${label.padEnd(10)} ${pct(m.precision).padStart(9)} ${pct(m.recall).padStart(7)} ${pct(m.f1).padStart(6)} ${String(m.support).padStart(8)}`,
    );
  return lines;
}

function oneOf<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!allowed.includes(value as T))
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}, got ${value}`);
    return value as T;
  };
}
