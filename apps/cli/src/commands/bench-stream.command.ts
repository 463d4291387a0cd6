import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { CliConfig } from '../cli-config';
import { commandGroup } from '../command-group';
import { printJson, printLines } from '../output';
import { runStream, type StreamRunResult } from '../stream-bench/run-stream';
import { startBuiltServer } from '../stream-bench/server-process';
import type { StreamMode } from '../stream-bench/stream-client';
import { loadTestFaces } from '../stream-bench/test-faces';

interface BenchStreamOptions {
  sessions: number;
  fps: number;
  seconds: number;
  warmup: number;
  mode: StreamMode;
  url?: string;
  fixedRate?: boolean;
  pipelined?: boolean;
  rawCapacity?: boolean;
  capacitySeconds: number;
  budget: number;
  json?: boolean;
}

/**
 * `attune bench stream`: simulated participants (socket.io clients sending real dataset faces)
 * against a running server; frame-to-emotion latency percentiles, frame accounting, server CPU
 * and memory. Without --url it builds nothing but starts dist/apps/api/main.js on a free port.
 */
export function registerBenchStream(program: Command, config: CliConfig): void {
  commandGroup(program, 'bench', 'measure inference speed')
    .command('stream')
    .description('N simulated participants streaming faces; latency p50/p95/p99, frames, server CPU/RSS; last line JSON')
    .option('--sessions <n>', 'simultaneous participants', positive, 50)
    .option('--fps <n>', 'frames per second each participant sends', positiveNumber, 5)
    .option('--seconds <n>', 'measured seconds (after the warm-up)', positive, 60)
    .option('--warmup <n>', 'seconds of streaming before measuring', positive, 5)
    .option('--mode <mode>', "what the client sends: 'crop' (the web client's default: its own detector's face crop) or 'frame' (the whole 640x480 frame)", mode, 'crop')
    .option('--url <url>', 'a running server (default: start dist/apps/api/main.js)')
    .option('--fixed-rate', "keep --fps even when the server's frame-rate advice asks for less")
    .option('--pipelined', "send every tick even while the previous frame is unanswered (the web client waits)")
    .option('--raw-capacity', "also find how many sessions 'frame' mode holds within --budget")
    .option('--capacity-seconds <n>', 'measured seconds per capacity trial', positive, 20)
    .option('--budget <ms>', 'p95 latency budget for --raw-capacity', positive, 150)
    .option('--json', 'print only the JSON line')
    .action(async (opts: BenchStreamOptions) => {
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const machine = {
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
        node: process.version,
        loadAverageAtStart: loadavg().map((l) => Number(l.toFixed(2))),
      };
      const faces = await loadTestFaces(config.datasetsDir, 64);
      const dataDir = opts.url ? null : await mkdtemp(join(tmpdir(), 'attune-bench-'));
      const server = dataDir
        ? await startBuiltServer(process.cwd(), { DATA_DIR: dataDir, FRAME_INTERVAL_MS: String(Math.round(1000 / opts.fps)) })
        : { url: opts.url as string, stop: async () => undefined };
      try {
        const run = (sessions: number, mode: StreamMode, seconds: number, followAdvice = !opts.fixedRate) =>
          runStream({
            url: server.url,
            sessions,
            fps: opts.fps,
            seconds,
            warmupSeconds: opts.warmup,
            mode,
            followAdvice,
            pipelined: opts.pipelined ?? false,
            faces,
            log,
          });
        log(`${opts.sessions} sessions x ${opts.fps} fps, ${opts.mode} mode, ${opts.seconds} s against ${server.url}`);
        const main = await run(opts.sessions, opts.mode, opts.seconds);
        const capacity = opts.rawCapacity ? await rawCapacity(run, opts, log) : undefined;
        const result = {
          url: opts.url ?? 'started dist/apps/api/main.js',
          machine,
          followsFrameRateAdvice: !opts.fixedRate,
          pipelined: opts.pipelined ?? false,
          ...main,
          ...(capacity ? { rawFrameCapacity: capacity } : {}),
        };
        if (!opts.json) printLines(summary(main, capacity));
        printJson(result);
      } finally {
        await server.stop();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      }
    });
}

type Trial = { sessions: number; p95: number | null; processedFps: number; holds: boolean };

/**
 * The most sessions whole-frame mode carries at the requested fps (clients ignore the server's
 * frame-rate advice here) within the budget: doubling
 * until a trial fails, then bisecting. A trial holds when p95 <= budget, nothing is lost and each
 * session gets at least 90 % of the requested frames processed.
 */
async function rawCapacity(
  run: (sessions: number, mode: StreamMode, seconds: number, followAdvice?: boolean) => Promise<StreamRunResult>,
  opts: BenchStreamOptions,
  log: (line: string) => void,
): Promise<{ sessions: number; budgetMs: number; trials: Trial[] }> {
  const trials: Trial[] = [];
  const trial = async (sessions: number) => {
    // Capacity at the requested rate: these clients keep --fps whatever the server advises.
    const r = await run(sessions, 'frame', opts.capacitySeconds, false);
    const p95 = r.latencyMs?.p95 ?? null;
    const holds =
      p95 !== null && p95 <= opts.budget && r.frames.unanswered === 0 && r.processedFps >= 0.9 * opts.fps;
    trials.push({ sessions, p95, processedFps: r.processedFps, holds });
    log(`  raw frames, ${sessions} sessions: p95 ${p95} ms, ${r.processedFps} fps each: ${holds ? 'holds' : 'fails'}`);
    return holds;
  };
  let good = 0;
  let bad = 0;
  for (let n = 1; n <= 256; n *= 2) {
    if (await trial(n)) good = n;
    else {
      bad = n;
      break;
    }
  }
  if (bad === 0) return { sessions: good, budgetMs: opts.budget, trials };
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (await trial(mid)) good = mid;
    else bad = mid;
  }
  return { sessions: good, budgetMs: opts.budget, trials };
}

function summary(r: StreamRunResult, capacity?: { sessions: number; budgetMs: number }): string[] {
  const f = r.frames;
  return [
    `${r.sessions} sessions x ${r.fps} fps (${r.mode}), ${r.seconds} s`,
    `  frames: ${f.sent} sent, ${f.processed} processed, ${f.replaced} replaced, ${f.skippedByClient} skipped by clients, ${f.unanswered} unanswered, errors ${JSON.stringify(f.errors)}`,
    `  latency ms: ${r.latencyMs ? `p50 ${r.latencyMs.p50}, p95 ${r.latencyMs.p95}, p99 ${r.latencyMs.p99}, max ${r.latencyMs.max}` : 'none'}`,
    `  processed ${r.processedFps} fps per session; server CPU ${r.server.cpuPercent ?? '?'} %, RSS ${r.server.rssMb ? `${r.server.rssMb.start} -> ${r.server.rssMb.end} MB` : '?'}`,
    ...(capacity ? [`  raw-frame mode holds ${capacity.sessions} sessions within p95 ${capacity.budgetMs} ms`] : []),
  ];
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive integer, got ${value}`);
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0) || n > 100) throw new InvalidArgumentError(`expected a number in (0, 100], got ${value}`);
  return n;
}

function mode(value: string): StreamMode {
  if (value !== 'crop' && value !== 'frame') throw new InvalidArgumentError(`--mode is 'crop' or 'frame', got ${value}`);
  return value;
}
