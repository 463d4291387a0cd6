import { cpus } from 'node:os';
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { dairPath, DEFAULT_TEXT_MODEL, readDairFile, TextEmotionModel, textModelDir } from '@attune/affect';
import type { CliConfig } from '../cli-config';
import { commandGroup } from '../command-group';
import { printJson, printLines } from '../output';

interface BenchTextOptions {
  model: string;
  modelsDir: string;
  messages: string;
  json?: boolean;
}

const FALLBACK_MESSAGES = [
  'i feel so happy today',
  'i am not happy with how this went',
  'never felt worse in my life',
  'i feel a bit nervous about tomorrow, but excited too',
  'this song makes me feel calm and loved',
];

/** `attune bench text`: ms per message (tokenise + features + classifier + estimate), one thread. */
export function registerBenchText(program: Command, config: CliConfig): void {
  commandGroup(program, 'bench', 'measure inference speed')
    .command('text')
    .description('time the text model per message on this machine (one core); last line one JSON object')
    .option('--model <id>', 'a trained text model under --models-dir', DEFAULT_TEXT_MODEL)
    .option('--models-dir <dir>', 'where trained models live', 'models')
    .option('--messages <n>', 'messages to time (dair val texts, cycled)', '2000')
    .option('--json', 'print only the JSON line')
    .action(async (opts: BenchTextOptions) => {
      const model = new TextEmotionModel(textModelDir(opts.modelsDir, opts.model));
      await model.load();
      const valFile = dairPath(config.datasetsDir, 'val');
      const texts = existsSync(valFile) ? (await readDairFile(valFile)).map((s) => s.text) : FALLBACK_MESSAGES;
      const n = Math.max(1, Number(opts.messages) || 2000);
      for (let i = 0; i < 200; i++) model.analyze(texts[i % texts.length]);
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const text = texts[i % texts.length];
        const start = process.hrtime.bigint();
        model.analyze(text);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      times.sort((a, b) => a - b);
      const quantile = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
      const result = {
        model: model.id,
        n,
        msPerMessage: { p50: quantile(0.5), p95: quantile(0.95), mean: times.reduce((s, t) => s + t, 0) / n },
        threads: 1,
        machine: {
          cpu: cpus()[0]?.model ?? 'unknown',
          cores: cpus().length,
          node: process.version,
          platform: `${process.platform}-${process.arch}`,
        },
      };
      if (!opts.json)
        printLines([
          `${result.model}: p50 ${result.msPerMessage.p50.toFixed(4)} ms, p95 ${result.msPerMessage.p95.toFixed(4)} ms per message (${n} messages, one thread, ${result.machine.cpu})`,
        ]);
      printJson(result);
      model.dispose();
    });
}
