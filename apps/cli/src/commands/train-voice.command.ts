import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  chooseBackend,
  crossValidateBySpeaker,
  loadEmoDb,
  saveVoiceModel,
  trainVoiceModel,
  VOICE_MODEL_ID,
} from '@attune/affect';
import type { CliConfig } from '../cli-config';
import { commandGroup } from '../command-group';
import { printJson } from '../output';

interface TrainVoiceOptions {
  data?: string;
  out: string;
  loso: boolean;
}

/** `attune train voice`: the EmoDB voice model on all speakers, with its LOSO figures in the metadata. */
export function registerTrainVoice(program: Command, config: CliConfig): void {
  commandGroup(program, 'train', 'train models')
    .command('voice')
    .description(
      'train the EmoDB voice model (all speakers) into models/voice-emodb; --loso also measures it speaker-independently',
    )
    .option('--data <dir>', 'EmoDB folder (<dir>/wav/*.wav or <dir>/*.wav)')
    .option('--out <dir>', 'where to write model.json, weights and metadata.json', join('models', VOICE_MODEL_ID))
    .option('--no-loso', 'skip the leave-one-speaker-out evaluation (8 extra trainings)')
    .action(async (opts: TrainVoiceOptions) => {
      const dir = resolve(opts.data ?? join(config.datasetsDir, 'emodb'));
      const overrides = {};
      process.stderr.write(`backend ${await chooseBackend()}\n`);
      const samples = await loadEmoDb(dir, (done, total) => process.stderr.write(`\rfeatures ${done}/${total}`));
      process.stderr.write('\n');
      const evaluation = opts.loso
        ? await crossValidateBySpeaker(samples, overrides, (f) =>
            process.stderr.write(`fold ${f.speaker}: n=${f.n} accuracy ${pct(f.accuracy)} UAR ${pct(f.uar)}\n`),
          )
        : null;
      const model = await trainVoiceModel(samples, overrides);
      try {
        model.metadata.evaluation = evaluation;
        await saveVoiceModel(resolve(opts.out), model);
      } finally {
        model.network.dispose();
      }
      process.stderr.write(`saved ${resolve(opts.out)}\n`);
      printJson({
        model: model.metadata.id,
        out: resolve(opts.out),
        utterances: model.metadata.training.utterances,
        windows: model.metadata.training.windows,
        ...(evaluation
          ? {
              protocol: evaluation.protocol,
              accuracy: evaluation.accuracy,
              macroF1: evaluation.macroF1,
              uar: evaluation.uar,
            }
          : {}),
      });
    });
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
