import { cliConfig } from './cli-config';
import { buildProgram } from './program';

buildProgram(cliConfig())
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.stderr.write(`attune: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
