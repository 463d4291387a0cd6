/** CPU seconds and resident memory of a running server, from its Prometheus /metrics. */
export interface ServerSample {
  at: number;
  cpuSeconds: number;
  rssBytes: number;
}

const CPU = /^attune_process_process_cpu_seconds_total (\S+)$/m;
const RSS = /^attune_process_process_resident_memory_bytes (\S+)$/m;

/** Null when the server has no /metrics (an older or a foreign server). */
export async function sampleServer(url: string): Promise<ServerSample | null> {
  try {
    const response = await fetch(`${url}/metrics`);
    if (!response.ok) return null;
    const text = await response.text();
    const cpu = CPU.exec(text);
    const rss = RSS.exec(text);
    if (!cpu || !rss) return null;
    return { at: Date.now(), cpuSeconds: Number(cpu[1]), rssBytes: Number(rss[1]) };
  } catch {
    return null;
  }
}
