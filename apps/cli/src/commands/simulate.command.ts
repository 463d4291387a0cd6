import type { Command } from 'commander';
import { BASE_STRATEGY_IDS, getStrategy, simulate, type StrategyResult } from '@attune/recommender';
import { printJson, printLines } from '../output';

/** `attune simulate`: the recommendation strategies on synthetic participants (libs/recommender README). */
export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      'run recommendation strategies on synthetic participants with latent taste and mood dynamics; per strategy ' +
        'mean reward, like/skip rate and mood movement toward the target, with 95% CIs; deterministic for a seed. ' +
        'With --json the last line of stdout is one JSON object.',
    )
    .option('--strategies <list>', 'comma-separated strategy ids; the first is the baseline for lifts', BASE_STRATEGY_IDS.join(','))
    .option('--participants <n>', 'synthetic participants (the same ones for every strategy)', '100')
    .option('--tracks-per-session <k>', 'interactions per participant', '50')
    .option('--seed <s>', 'random seed', '1')
    .option('--catalog-size <n>', 'synthetic catalog size', '400')
    .option('--json', 'print one JSON object as the last line')
    .action(
      (opts: { strategies: string; participants: string; tracksPerSession: string; seed: string; catalogSize: string; json?: boolean }) => {
        const strategies = opts.strategies
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map(getStrategy);
        const started = performance.now();
        const report = simulate({
          strategies,
          participants: positiveInt(opts.participants, '--participants'),
          tracksPerSession: positiveInt(opts.tracksPerSession, '--tracks-per-session'),
          seed: Number(opts.seed) >>> 0,
          catalogSize: positiveInt(opts.catalogSize, '--catalog-size'),
        });
        const seconds = Math.round(performance.now() - started) / 1000;
        if (opts.json) return printJson({ ...report, seconds });
        printLines([
          `${report.participants} participants x ${report.tracksPerSession} tracks, catalog ${report.catalogSize}, seed ${report.seed} ` +
            `(${seconds} s); 95% CIs; lift vs ${report.baseline}`,
          ...report.results.map(line),
        ]);
      },
    );
}

function line(r: StrategyResult): string {
  const ci = (e: { mean: number; ci95: [number, number] }, d = 3) => `${e.mean.toFixed(d)} [${e.ci95[0].toFixed(d)}, ${e.ci95[1].toFixed(d)}]`;
  const lift = r.liftVsBaseline
    ? `, lift ${(100 * r.liftVsBaseline.estimate).toFixed(1)}% [${(100 * r.liftVsBaseline.ci95[0]).toFixed(1)}, ${(100 * r.liftVsBaseline.ci95[1]).toFixed(1)}]`
    : '';
  return (
    `${r.strategy}: reward ${ci(r.meanReward)} (last 10: ${r.lateReward.mean.toFixed(3)}), like ${ci(r.likeRate, 2)}, ` +
    `skip ${ci(r.skipRate, 2)}, mood toward target ${ci(r.moodTowardTarget, 2)}${lift}`
  );
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}
