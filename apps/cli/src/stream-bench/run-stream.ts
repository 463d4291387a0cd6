import { percentile } from '@attune/affect';
import { sampleServer, type ServerSample } from './server-stats';
import { StreamClient, type ClientTally, type StreamMode } from './stream-client';
import type { TestFace } from './test-faces';

export interface StreamRunOptions {
  url: string;
  sessions: number;
  fps: number;
  seconds: number;
  warmupSeconds: number;
  mode: StreamMode;
  followAdvice: boolean;
  pipelined: boolean;
  faces: TestFace[];
  log: (line: string) => void;
}

export interface StreamRunResult {
  mode: StreamMode;
  sessions: number;
  fps: number;
  seconds: number;
  frames: {
    sent: number;
    processed: number;
    replaced: number;
    skippedByClient: number;
    errors: Record<string, number>;
    /** Sent while recording and never answered, even after a grace period: lost. */
    unanswered: number;
  };
  /** Processed frames per session per second. */
  processedFps: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; n: number } | null;
  frameRateAdvice: { changes: number; lastIntervalMs: number | null };
  server: {
    cpuPercent: number | null;
    rssMb: {
      start: number;
      end: number;
      /** Runs of two minutes or more: RSS at 60 s, and the end's change from it (issue 8: within 10 %). */
      atMinute1?: number;
      endVsMinute1Percent?: number;
      series: Array<{ second: number; mb: number }>;
    } | null;
  };
}

const round = (x: number, digits = 1) => Number(x.toFixed(digits));

/** N simulated participants streaming to one server for warmup + seconds; only the latter is counted. */
export async function runStream(o: StreamRunOptions): Promise<StreamRunResult> {
  const clients = Array.from(
    { length: o.sessions },
    (_, i) =>
      new StreamClient(o.url, o.faces, o.mode, 1000 / o.fps, {
        followAdvice: o.followAdvice,
        pipelined: o.pipelined,
        offset: i * 7,
      }),
  );
  try {
    for (const client of clients) await client.connect();
    // Staggered over one frame interval, as real participants are not in lockstep.
    for (const [i, client] of clients.entries()) {
      setTimeout(() => client.start(), (i * 1000) / o.fps / o.sessions);
    }
    await sleep(o.warmupSeconds * 1000);
    const samples: ServerSample[] = [];
    const first = await sampleServer(o.url);
    if (first) samples.push(first);
    for (const client of clients) client.record(true);
    const started = Date.now();
    const sampler = setInterval(() => {
      void sampleServer(o.url).then((s) => s && samples.push(s));
    }, 10_000);
    let lastLog = started;
    while (Date.now() - started < o.seconds * 1000) {
      await sleep(Math.min(1000, o.seconds * 1000 - (Date.now() - started)));
      if (Date.now() - lastLog >= 30_000) {
        lastLog = Date.now();
        o.log(`  ${Math.round((Date.now() - started) / 1000)} s of ${o.seconds}`);
      }
    }
    clearInterval(sampler);
    const last = await sampleServer(o.url);
    for (const client of clients) {
      client.record(false);
      client.stopSending();
    }
    if (last) samples.push(last);
    // Frames sent while recording get a grace period to be answered before they count as lost.
    const deadline = Date.now() + 10_000;
    while (clients.some((c) => c.unanswered > 0) && Date.now() < deadline) await sleep(50);
    return summarise(o, clients, samples, clients.reduce((n, c) => n + c.unanswered, 0));
  } finally {
    for (const client of clients) client.close();
  }
}

function summarise(o: StreamRunOptions, clients: StreamClient[], samples: ServerSample[], unanswered: number): StreamRunResult {
  const all: ClientTally = { sent: 0, processed: 0, replaced: 0, errors: {}, skipped: 0, latencies: [], advice: [] };
  for (const { tally } of clients) {
    all.sent += tally.sent;
    all.processed += tally.processed;
    all.replaced += tally.replaced;
    all.skipped += tally.skipped;
    all.latencies.push(...tally.latencies);
    all.advice.push(...tally.advice);
    for (const [code, n] of Object.entries(tally.errors)) all.errors[code] = (all.errors[code] ?? 0) + n;
  }
  const l = all.latencies;
  const first = samples[0];
  const last = samples[samples.length - 1];
  return {
    mode: o.mode,
    sessions: o.sessions,
    fps: o.fps,
    seconds: o.seconds,
    frames: {
      sent: all.sent,
      processed: all.processed,
      replaced: all.replaced,
      skippedByClient: all.skipped,
      errors: all.errors,
      unanswered,
    },
    processedFps: round(all.processed / o.sessions / o.seconds, 2),
    latencyMs:
      l.length > 0
        ? {
            p50: round(percentile(l, 50)),
            p95: round(percentile(l, 95)),
            p99: round(percentile(l, 99)),
            max: round(Math.max(...l)),
            n: l.length,
          }
        : null,
    frameRateAdvice: {
      changes: all.advice.length / Math.max(1, o.sessions),
      lastIntervalMs: all.advice.length > 0 ? all.advice[all.advice.length - 1].frameIntervalMs : null,
    },
    server: {
      cpuPercent:
        first && last && last.at > first.at
          ? round((100 * (last.cpuSeconds - first.cpuSeconds)) / ((last.at - first.at) / 1000))
          : null,
      rssMb: first && last ? rssSummary(samples) : null,
    },
  };
}

function rssSummary(samples: ServerSample[]): NonNullable<StreamRunResult['server']['rssMb']> {
  const mb = (bytes: number) => round(bytes / 2 ** 20);
  const series = samples.map((s) => ({ second: Math.round((s.at - samples[0].at) / 1000), mb: mb(s.rssBytes) }));
  const start = series[0].mb;
  const end = series[series.length - 1].mb;
  const minute1 = series.find((s) => s.second >= 60);
  if (!minute1 || series[series.length - 1].second < 120) return { start, end, series };
  return { start, end, atMinute1: minute1.mb, endVsMinute1Percent: round((100 * (end - minute1.mb)) / minute1.mb), series };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}
