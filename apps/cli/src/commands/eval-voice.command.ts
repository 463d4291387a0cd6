import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  chooseBackend,
  classificationReport,
  confusionMatrixSvg,
  EMODB_CLASSES,
  loadEmoDb,
  predictSamples,
  svgToPng,
  VoiceEmotionModel,
  voiceHeldOut,
  writeHeldOutSet,
  type ClassificationReport,
} from '@attune/affect';
import { commandGroup } from '../command-group';
import { printJson, printLines } from '../output';

const PROTOCOLS = ['heldout', 'loso'] as const;
type Protocol = (typeof PROTOCOLS)[number];

interface EvalVoiceOptions {
  dataset: 'emodb';
  data: string;
  model: string;
  modelsDir: string;
  protocol: Protocol;
  chart?: string;
  heldOutOut?: string;
  json?: boolean;
}

/**
 * `attune eval voice`: a trained voice model on a folder of EmoDB-named WAVs (`heldout`, the
 * default), or the training recipe retrained per held-out speaker on that folder (`loso`).
 */
export function registerEvalVoice(program: Command): void {
  commandGroup(program, 'eval', 'evaluate models on labelled data')
    .command('voice')
    .description('evaluate the voice model on EmoDB-named WAVs; prints metrics, last line one JSON object')
    .requiredOption('--dataset <name>', 'file naming of the folder: emodb', oneOf(['emodb'] as const))
    .requiredOption('--data <dir>', 'folder of EmoDB-named WAVs (<dir>/*.wav or <dir>/wav/*.wav)')
    .option('--model <id>', 'trained model folder name under --models-dir', 'voice-emodb')
    .option('--models-dir <dir>', 'where trained models live', 'models')
    .option(
      '--protocol <p>',
      'heldout: run the trained model on the folder; loso: retrain per left-out speaker of the folder and pool',
      oneOf(PROTOCOLS),
      'heldout',
    )
    .option('--chart <file.png>', 'also render the confusion matrix as a PNG')
    .option(
      '--held-out-out <file>',
      "loso only: write every held-out utterance's canonical prediction (HeldOutSet JSON, the input of `eval fusion --voice-held-out`)",
    )
    .option('--json', 'print only the JSON line')
    .action(async (opts: EvalVoiceOptions) => {
      if (opts.heldOutOut && opts.protocol !== 'loso')
        throw new InvalidArgumentError('--held-out-out needs --protocol loso (only LOSO predictions are held out)');
      await chooseBackend();
      const samples = await loadEmoDb(resolve(opts.data), (d, t) => process.stderr.write(`\rfeatures ${d}/${t}`));
      process.stderr.write('\n');
      let result: Result;
      if (opts.protocol === 'loso') {
        const { set, evaluation } = await voiceHeldOut(samples, {}, (f) =>
          process.stderr.write(`fold ${f.speaker}: n=${f.n} accuracy ${pct(f.accuracy)} UAR ${pct(f.uar)}\n`),
        );
        if (opts.heldOutOut) await writeHeldOutSet(resolve(opts.heldOutOut), set);
        const { folds, protocol, live, ...report } = evaluation;
        result = {
          model: `${opts.model} recipe`,
          dataset: opts.dataset,
          protocol,
          unvoiced: sum(folds.map((f) => f.unvoiced)),
          ...report,
          live,
        };
      } else {
        const model = new VoiceEmotionModel({ modelDir: join(opts.modelsDir, opts.model) });
        await model.load();
        try {
          const predicted = predictSamples(model.trainedModel(), samples, 'utterance');
          const windowPredicted = predictSamples(model.trainedModel(), samples, 'window');
          const live = samples.flatMap((s, i) => (windowPredicted[i] >= 0 ? [[s.classIndex, windowPredicted[i]]] : []));
          const liveReport = classificationReport(
            EMODB_CLASSES,
            live.map((k) => k[0]),
            live.map((k) => k[1]),
          );
          const kept = samples.flatMap((s, i) => (predicted[i] >= 0 ? [[s.classIndex, predicted[i]]] : []));
          const report = classificationReport(
            EMODB_CLASSES,
            kept.map((k) => k[0]),
            kept.map((k) => k[1]),
          );
          result = {
            model: opts.model,
            dataset: opts.dataset,
            protocol:
              "trained model run on this folder (held out only if it never heard these speakers); speaker normalisation from each speaker's files here, unlabelled",
            unvoiced: samples.length - kept.length,
            ...report,
            live: { n: liveReport.n, accuracy: liveReport.accuracy, macroF1: liveReport.macroF1, uar: liveReport.uar },
          };
        } finally {
          model.dispose();
        }
      }
      if (opts.chart)
        await writeFile(
          opts.chart,
          await svgToPng(
            confusionMatrixSvg({
              ...result.confusion,
              title: `${result.model} on ${result.dataset} (${opts.protocol}, n=${result.n}, UAR ${pct(result.uar)})`,
            }),
          ),
        );
      if (!opts.json) printLines(summary(result));
      printJson(result);
    });
}

type Result = ClassificationReport & {
  model: string;
  dataset: string;
  protocol: string;
  unvoiced: number;
  /** Each utterance scored the live way, from its 1-s windows. */
  live: { n: number; accuracy: number; macroF1: number; uar: number };
};

function summary(r: Result): string[] {
  const lines = [
    `${r.model} on ${r.dataset}: ${r.n} utterances (${r.protocol}), accuracy ${pct(r.accuracy)}, macro-F1 ${pct(r.macroF1)}, UAR ${pct(r.uar)}`,
    `live (from 1-s windows): ${r.live.n} utterances, accuracy ${pct(r.live.accuracy)}, macro-F1 ${pct(r.live.macroF1)}, UAR ${pct(r.live.uar)}`,
    ...(r.unvoiced > 0 ? [`${r.unvoiced} files without detected voice (no estimate, not scored)`] : []),
    'class      precision  recall  f1     support',
  ];
  for (const [label, m] of Object.entries(r.perClass))
    lines.push(
      `${label.padEnd(10)} ${pct(m.precision).padStart(9)} ${pct(m.recall).padStart(7)} ${pct(m.f1).padStart(6)} ${String(m.support).padStart(8)}`,
    );
  return lines;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function oneOf<T extends string>(allowed: readonly T[]): (value: string) => T {
  return (value) => {
    if (!allowed.includes(value as T))
      throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}, got ${value}`);
    return value as T;
  };
}
