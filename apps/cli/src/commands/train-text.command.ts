import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  bestTrial,
  dairPath,
  DEFAULT_TEXT_MODEL,
  DEFAULT_TEXT_TRAINING,
  evaluateTextModel,
  metricsEntry,
  nrcLexiconPath,
  readDairFile,
  readNrcLexicon,
  saveTextModel,
  TextEmotionModel,
  textModelDir,
  textModelMetadata,
  textTuningGrid,
  trainTextClassifier,
  tuneTextModel,
  writeTextModelMetadata,
} from '@attune/affect';
import type { CliConfig } from '../cli-config';
import { commandGroup } from '../command-group';
import { printJson, printLines } from '../output';

interface TrainTextOptions {
  train?: string;
  val?: string;
  lexicon?: string;
  modelsDir: string;
  id: string;
  tune?: boolean;
  json?: boolean;
}

/** `attune train text`: dair-ai emotion -> models/<id>/ (tuning, if asked, scores on val only). */
export function registerTrainText(program: Command, config: CliConfig): void {
  commandGroup(program, 'train', 'train models')
    .command('text')
    .description(
      'train the text emotion model on dair-ai emotion train.txt; prints the val metrics, last line one JSON object',
    )
    .option('--train <file>', 'training data, text;label lines (default $DATASETS_DIR/dair_emotion/train.txt)')
    .option(
      '--val <file>',
      'validation data for tuning and the reported metrics (default $DATASETS_DIR/dair_emotion/val.txt)',
    )
    .option(
      '--lexicon <file>',
      'NRC emotion lexicon (default $DATASETS_DIR/nrc_emolex/NRC-Emotion-Lexicon-Wordlevel-v0.92.txt)',
    )
    .option('--models-dir <dir>', 'where trained models live', 'models')
    .option('--id <id>', 'model id (folder name)', DEFAULT_TEXT_MODEL)
    .option('--tune', 'try the tuning grid on val first and train with the best settings')
    .option('--json', 'print only the JSON line')
    .action(async (opts: TrainTextOptions) => {
      const trainFile = resolve(opts.train ?? dairPath(config.datasetsDir, 'train'));
      const valFile = resolve(opts.val ?? dairPath(config.datasetsDir, 'val'));
      const [train, val, lexicon] = await Promise.all([
        readDairFile(trainFile),
        readDairFile(valFile),
        readNrcLexicon(resolve(opts.lexicon ?? nrcLexiconPath(config.datasetsDir))),
      ]);
      let options = DEFAULT_TEXT_TRAINING;
      let tunedOn: string | undefined;
      if (opts.tune) {
        const trials = tuneTextModel(train, val, lexicon, textTuningGrid(), (t) =>
          process.stderr.write(
            `trial ${JSON.stringify({ ...t.options })}: accuracy ${t.accuracy.toFixed(4)} macro-F1 ${t.macroF1.toFixed(4)} (${t.seconds.toFixed(1)} s)\n`,
          ),
        );
        options = bestTrial(trials).options;
        tunedOn = valFile;
      }
      const started = Date.now();
      const trained = trainTextClassifier(train, lexicon, options);
      const seconds = (Date.now() - started) / 1000;
      const dir = textModelDir(opts.modelsDir, opts.id);
      const metadata = textModelMetadata(opts.id, trained, options, { trainFile, n: train.length, seconds, tunedOn });
      await saveTextModel(dir, trained, metadata);
      // Reported figures come from the saved artefact (float32 weights), as `attune eval text` sees it.
      const model = new TextEmotionModel(dir);
      await model.load();
      const evaluation = evaluateTextModel(model, val, 'dair');
      await writeTextModelMetadata(dir, { ...metadata, metrics: { 'dair-val': metricsEntry(evaluation) } });
      if (!opts.json)
        printLines([
          `trained ${opts.id} on ${train.length} texts in ${seconds.toFixed(1)} s -> ${dir}`,
          `dair val: accuracy ${(100 * evaluation.accuracy).toFixed(2)}%, macro-F1 ${evaluation.macroF1.toFixed(4)}, UAR ${evaluation.uar.toFixed(4)}`,
        ]);
      printJson({ ...evaluation, dir, options, seconds });
    });
}
