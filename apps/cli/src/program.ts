import { Command } from 'commander';
import type { CliConfig } from './cli-config';
import { registerAnalyze } from './commands/analyze.command';
import { registerBench } from './commands/bench.command';
import { registerBenchStream } from './commands/bench-stream.command';
import { registerCatalog } from './commands/catalog.command';
import { registerDb } from './commands/db.command';
import { registerRetention } from './commands/retention.command';
import { registerDetect } from './commands/detect.command';
import { registerEval } from './commands/eval.command';
import { registerTrain } from './commands/train.command';
import { registerTrainText } from './commands/train-text.command';
import { registerEvalText } from './commands/eval-text.command';
import { registerBenchText } from './commands/bench-text.command';
import { registerEvalFusion } from './commands/eval-fusion.command';
import { registerTrainVoice } from './commands/train-voice.command';
import { registerEvalVoice } from './commands/eval-voice.command';
import { registerBenchVoice } from './commands/bench-voice.command';
import { registerSimulate } from './commands/simulate.command';
import { registerBenchRecommend } from './commands/bench-recommend.command';

/** The `attune` command line; later issues add train, eval, bench and analyze here. */
export function buildProgram(config: CliConfig): Command {
  const program = new Command('attune')
    .description('Attune: emotion-aware music research platform — command line tools')
    .showHelpAfterError();
  registerDetect(program);
  registerCatalog(program, config);
  registerDb(program, config);
  registerRetention(program, config);
  registerEval(program);
  registerBench(program, config);
  registerAnalyze(program);
  registerTrain(program, config);
  registerTrainText(program, config);
  registerEvalText(program);
  registerBenchText(program, config);
  registerEvalFusion(program, config);
  registerTrainVoice(program, config);
  registerEvalVoice(program);
  registerBenchVoice(program, config);
  registerSimulate(program);
  registerBenchRecommend(program);
  registerBenchStream(program, config);
  return program;
}
