import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  AnalysisInputError,
  analyzeExperiment,
  CsvFormatError,
  type ExperimentAnalysis,
  parseObservationsCsv,
} from '@attune/experiments';
import { printJson, printLines } from '../output';

interface AnalyzeOptions {
  input: string;
  control: string;
  weights: string;
  json?: boolean;
  seed: string;
  bootstrap: string;
  perParticipant?: boolean;
}

/** `attune analyze`: the A/B statistics of @attune/experiments on a long-format CSV export. */
export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description(
      'analyze an A/B experiment from a CSV with header participant_id,arm,metric,value: per-arm n/mean/sd, ' +
        'each arm vs control (Welch CI and p, Mann-Whitney p, Holm, bootstrap CI, chance to beat control) and an SRM check',
    )
    .requiredOption('--input <csv>', 'CSV file, header participant_id,arm,metric,value')
    .requiredOption('--control <arm>', 'the control arm')
    .requiredOption('--weights <list>', 'allocation weights of every arm, e.g. a=0.5,b=0.5')
    .option('--json', 'print one JSON object as the last line')
    .option('--seed <n>', 'seed of the bootstrap', '1')
    .option('--bootstrap <n>', 'bootstrap resamples (0: none)', '2000')
    .option('--per-participant', "average each participant's values of a metric first (participants as the unit)")
    .action((opts: AnalyzeOptions) => {
      try {
        const rows = parseObservationsCsv(readInput(opts.input));
        const result = analyzeExperiment(rows, {
          control: opts.control,
          weights: parseWeights(opts.weights),
          seed: nonNegativeInteger('--seed', opts.seed),
          bootstrapResamples: nonNegativeInteger('--bootstrap', opts.bootstrap),
          perParticipant: opts.perParticipant ?? false,
        });
        for (const w of result.warnings) process.stderr.write(`attune analyze: warning: ${w}\n`);
        if (opts.json) printJson(result);
        else printLines(table(result));
      } catch (err) {
        const expected = err instanceof CsvFormatError || err instanceof AnalysisInputError || err instanceof UsageError;
        if (!expected) throw err;
        const message = err instanceof CsvFormatError ? `${opts.input}: ${err.message}` : err.message;
        process.stderr.write(`attune analyze: ${message}\n`);
        if (opts.json) printJson({ error: message });
        process.exitCode = 1;
      }
    });
}

class UsageError extends Error {}

function readInput(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** "a=0.5,b=0.5" → { a: 0.5, b: 0.5 }; arm names may not contain commas. */
export function parseWeights(text: string): Record<string, number> {
  const weights = new Map<string, number>();
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const at = part.lastIndexOf('=');
    const arm = part.slice(0, at).trim();
    const weight = Number(part.slice(at + 1));
    if (at <= 0 || !arm || !(weight > 0) || !Number.isFinite(weight)) {
      throw new UsageError(`--weights: "${part}" is not arm=positive-number (e.g. a=0.5,b=0.5)`);
    }
    if (weights.has(arm)) throw new UsageError(`--weights: arm "${arm}" given twice`);
    weights.set(arm, weight);
  }
  if (weights.size === 0) throw new UsageError('--weights: no arms given (e.g. a=0.5,b=0.5)');
  return Object.fromEntries(weights);
}

function nonNegativeInteger(option: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${option}: "${text}" is not a non-negative integer`);
  return n;
}

const fmt = (x: number | null, digits = 4): string =>
  x === null || Number.isNaN(x) ? '—' : Math.abs(x) >= 1e-3 || x === 0 ? x.toFixed(digits) : x.toExponential(2);

function columns(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

function table(result: ExperimentAnalysis): string[] {
  const arms = Object.entries(result.arms).flatMap(([arm, metrics]) =>
    Object.entries(metrics).map(([metric, s]) => [arm, metric, String(s.n), fmt(s.mean), fmt(s.sd)]),
  );
  const comparisons = result.comparisons.map((c) => [
    c.metric,
    `${c.arm} vs ${c.control}`,
    fmt(c.diff),
    `[${fmt(c.ciLow)}, ${fmt(c.ciHigh)}]`,
    fmt(c.pWelch),
    fmt(c.pHolm),
    fmt(c.pMannWhitney),
    fmt(c.chanceToBeat, 3),
    c.bootstrapCiLow === null ? '—' : `[${fmt(c.bootstrapCiLow)}, ${fmt(c.bootstrapCiHigh)}]`,
  ]);
  const { srm } = result;
  return [
    ...columns([['arm', 'metric', 'n', 'mean', 'sd'], ...arms]),
    '',
    ...columns([
      ['metric', 'comparison', 'diff', '95% CI (Welch)', 'p Welch', 'p Holm', 'p M-W', 'P(beat)', '95% CI (bootstrap)'],
      ...comparisons,
    ]),
    '',
    `SRM: chi2 = ${fmt(srm.chi2)}, df = ${srm.df}, p = ${fmt(srm.p)} ` +
      `(participants ${Object.entries(srm.participants).map(([a, n]) => `${a}=${n}`).join(', ')}; ` +
      `expected ${Object.entries(srm.expected).map(([a, n]) => `${a}=${n.toFixed(1)}`).join(', ')})`,
    ...(srm.p < 0.001 ? ['SRM WARNING: the arms are not in the configured ratio; do not trust the comparisons until that is explained'] : []),
  ];
}
