import { cpus, loadavg, totalmem } from 'node:os';
import type { Command } from 'commander';
import {
  createRng,
  type HistoryEntry,
  type MoodState,
  STRATEGIES,
  syntheticCatalog,
} from '@attune/recommender';
import { commandGroup } from '../command-group';
import { printJson, printLines } from '../output';

/** `attune bench recommend`: latency of one recommendation over a large synthetic catalog, per strategy. */
export function registerBenchRecommend(program: Command): void {
  commandGroup(program, 'bench', 'performance benchmarks (with --json the last line of stdout is one JSON object)')
    .command('recommend')
    .description(
      'time one recommendation over a synthetic catalog (default 10,000 tracks) for every registered strategy, with a ' +
        '50-exposure history carrying feedback; p50/p95 ms. Target: p50 <= 5 ms. With --json the last line of stdout is one JSON object.',
    )
    .option('--tracks <n>', 'catalog size', '10000')
    .option('--iterations <n>', 'timed recommendations per strategy', '200')
    .option('--strategies <list>', 'comma-separated ids (default: all registered)')
    .option('--json', 'print one JSON object as the last line')
    .action((opts: { tracks: string; iterations: string; strategies?: string; json?: boolean }) => {
      const tracks = Number(opts.tracks);
      const iterations = Number(opts.iterations);
      const catalog = syntheticCatalog(tracks, createRng(1));
      const ids = opts.strategies ? opts.strategies.split(',').map((s) => s.trim()) : [...STRATEGIES.keys()];
      const rng = createRng(2);
      const moods: MoodState[] = Array.from({ length: 16 }, (_, i) => ({
        label: (['happy', 'sad', 'angry', 'neutral'] as const)[i % 4],
        confidence: 0.7,
        valence: 2 * rng() - 1,
        arousal: 2 * rng() - 1,
      }));
      const history: HistoryEntry[] = Array.from({ length: 50 }, (_, i) => ({
        trackId: catalog[Math.floor(rng() * catalog.length)].id,
        at: 1_700_000_000_000 + i * 200_000,
        mood: { valence: moods[i % 16].valence, arousal: moods[i % 16].arousal },
        hour: 20,
        ...(i % 3 === 0 ? { feedback: 'skip' as const, listenFraction: 0.2 } : { listenFraction: 1 }),
      }));
      const results = ids.map((id) => {
        const strategy = STRATEGIES.get(id);
        if (!strategy) throw new Error(`unknown strategy ${id}`);
        const run = (i: number) =>
          strategy.recommend(moods[i % moods.length], history, catalog, { blockedArtists: ['Artist 7'] }, {
            rng,
            now: 1_700_010_000_000 + i,
            hour: 20,
          });
        for (let i = 0; i < 20; i++) run(i); // warm-up: JIT and per-instance caches
        const ms: number[] = [];
        const cpuMs: number[] = [];
        for (let i = 0; i < iterations; i++) {
          const c = process.cpuUsage();
          const t = performance.now();
          run(i);
          ms.push(performance.now() - t);
          const used = process.cpuUsage(c);
          cpuMs.push((used.user + used.system) / 1000);
        }
        const q = (xs: number[], p: number) => {
          const sorted = [...xs].sort((a, b) => a - b);
          return round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]);
        };
        return {
          strategy: id,
          p50Ms: q(ms, 0.5),
          p95Ms: q(ms, 0.95),
          maxMs: round(Math.max(...ms)),
          // CPU time of the process per call: what the call costs on an idle core, whatever else runs.
          p50CpuMs: q(cpuMs, 0.5),
          p95CpuMs: q(cpuMs, 0.95),
          meetsTarget: q(ms, 0.5) <= 5,
        };
      });
      const cpu = cpus();
      const machine = {
        cpu: cpu[0]?.model ?? 'unknown',
        cores: cpu.length,
        memGiB: round(totalmem() / 2 ** 30),
        node: process.version,
        // Other processes on the machine inflate the figures; the load average says how busy it was.
        loadAverage1m: round(loadavg()[0]),
      };
      const report = { tracks, iterations, historyLength: history.length, targetP50Ms: 5, machine, results };
      if (opts.json) return printJson(report);
      printLines([
        `${tracks} tracks, ${iterations} recommendations per strategy, on ${machine.cpu} (${machine.cores} cores, load ${machine.loadAverage1m})`,
        ...results.map(
          (r) =>
            `${r.strategy}: p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms (CPU p50 ${r.p50CpuMs} ms)` +
            (r.meetsTarget ? '' : '  (over the 5 ms target)'),
        ),
      ]);
    });
}

const round = (x: number) => Math.round(x * 1000) / 1000;
