import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FacePipeline, composeFrame } from '../src';
(async () => {
  const dir = '/work/shared/datasets/ckplus48/happy';
  const frames = await Promise.all(readdirSync(dir).sort().slice(0, 100).map((f) => composeFrame(readFileSync(join(dir, f)))));
  const p = new FacePipeline(); await p.load(); await p.warmup();
  const t: number[] = [];
  for (const f of frames) { const s = performance.now(); await p.analyzeImage(f); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  console.log('median', t[50].toFixed(1), 'p95', t[95].toFixed(1));
})();
