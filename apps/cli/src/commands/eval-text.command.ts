import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  DEFAULT_TEXT_MODEL,
  evaluateTextModel,
  readDairFile,
  TextEmotionModel,
  textModelDir,
  type TextEvaluation,
} from '@attune/affect';
import { commandGroup } from '../command-group';
import { printJson, printLines } from '../output';

interface EvalTextOptions {
  dataset: string;
  data: string;
  model: string;
  modelsDir: string;
  json?: boolean;
}

/** `attune eval text`: a trained text model on any file of `text;label` lines. */
export function registerEvalText(program: Command): void {
  commandGroup(program, 'eval', 'evaluate models on labelled data')
    .command('text')
    .description('evaluate a text model on a file of text;label lines; prints metrics, last line one JSON object')
    .requiredOption('--dataset <name>', 'label set of the file: dair', (v: string) => {
      if (v !== 'dair') throw new InvalidArgumentError(`expected dair, got ${v}`);
      return v;
    })
    .requiredOption('--data <file>', 'text;label lines (e.g. dair_emotion/val.txt)')
    .option('--model <id>', 'a trained text model under --models-dir', DEFAULT_TEXT_MODEL)
    .option('--models-dir <dir>', 'where trained models live', 'models')
    .option('--json', 'print only the JSON line')
    .action(async (opts: EvalTextOptions) => {
      const samples = await readDairFile(resolve(opts.data));
      const model = new TextEmotionModel(textModelDir(opts.modelsDir, opts.model));
      await model.load();
      try {
        const result = evaluateTextModel(model, samples, opts.dataset);
        if (!opts.json) printLines(summary(result));
        printJson(result);
      } finally {
        model.dispose();
      }
    });
}

function summary(r: TextEvaluation): string[] {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return [
    `${r.model} on ${r.dataset}: ${r.n} texts, accuracy ${pct(r.accuracy)}, macro-F1 ${pct(r.macroF1)}, UAR ${pct(r.uar)}`,
    'class      precision  recall  f1     support',
    ...Object.entries(r.perClass).map(
      ([label, m]) =>
        `${label.padEnd(10)} ${pct(m.precision).padStart(9)} ${pct(m.recall).padStart(7)} ${pct(m.f1).padStart(6)} ${String(m.support).padStart(8)}`,
    ),
  ];
}
