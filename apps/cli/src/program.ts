import { Command } from 'commander';
import type { CliConfig } from './cli-config';
import { registerCatalog } from './commands/catalog.command';
import { registerDb } from './commands/db.command';
import { registerDetect } from './commands/detect.command';

/** The `attune` command line; later issues add train, eval, bench and analyze here. */
export function buildProgram(config: CliConfig): Command {
  const program = new Command('attune')
    .description('Attune: emotion-aware music research platform — command line tools')
    .showHelpAfterError();
  registerDetect(program);
  registerCatalog(program, config);
  registerDb(program, config);
  return program;
}
