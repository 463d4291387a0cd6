import { readFileSync } from 'node:fs';
import { chooseBackend, classificationReport } from '../src';
import { EMODB_CLASSES } from '../src/lib/voice/emodb-labels';
import { fitStandardiser, standardise } from '../src/lib/voice/standardiser';
import { predictProbabilities, trainVoiceNetwork } from '../src/lib/voice/voice-network';

async function main() {
  const samples: any[] = JSON.parse(readFileSync('/tmp/emodb-features2.json', 'utf8')).map((s: any) => ({ ...s, features: s.features && Float32Array.from(s.features), windows: s.windows.map((w: number[]) => Float32Array.from(w)) }));
  await chooseBackend();
  const opts = JSON.parse(process.argv[2] ?? '{}');
  const drop: string[] = opts.drop ?? []; delete opts.drop;
  const usable = samples.filter((s) => s.windows.length > 0 || s.features).map((s) => ({ ...s, windows: s.windows.length ? s.windows : [s.features] }));
  // per-speaker normalisation over windows
  const spk = new Map<string, Float32Array[]>();
  usable.forEach((s) => spk.set(s.speaker, [...(spk.get(s.speaker) ?? []), ...s.windows]));
  const st = new Map([...spk].map(([k, v]) => [k, fitStandardiser(v)]));
  const names: string[] = require('@attune/audio-features').FEATURE_NAMES;
  const keep = names.map((n, i) => i).filter((i) => !drop.some((d) => names[i].startsWith(d)));
  const sel = (r: Float32Array) => Float32Array.from(keep.map((i) => r[i]));
  usable.forEach((s) => (s.nw = s.windows.map((w: Float32Array) => sel(standardise(w, st.get(s.speaker)!)))));
  const speakers = [...new Set(usable.map((s) => s.speaker))].sort();
  const actual: number[] = [], predicted: number[] = [];
  const t0 = Date.now();
  for (const sp of speakers) {
    const tr = usable.filter((s) => s.speaker !== sp), te = usable.filter((s) => s.speaker === sp);
    const rows = tr.flatMap((s) => s.nw), labels = tr.flatMap((s) => s.nw.map(() => s.classIndex));
    const g = fitStandardiser(rows);
    const model = await trainVoiceNetwork(rows.map((r: Float32Array) => standardise(r, g)), labels, 7, opts);
    let c = 0;
    for (const s of te) {
      const probs = predictProbabilities(model, s.nw.map((r: Float32Array) => standardise(r, g)));
      const avg = new Array(7).fill(0); probs.forEach((p) => p.forEach((v, k) => (avg[k] += Math.log(v + 1e-6))));
      const p = avg.indexOf(Math.max(...avg));
      actual.push(s.classIndex); predicted.push(p); if (p === s.classIndex) c++;
    }
    model.dispose();
    process.stdout.write(`${sp}:${(c / te.length).toFixed(2)} `);
  }
  const r = classificationReport(EMODB_CLASSES, actual, predicted);
  console.log(`\nUAR ${r.uar.toFixed(4)} acc ${r.accuracy.toFixed(4)} F1 ${r.macroF1.toFixed(4)} time ${Date.now() - t0}ms`, JSON.stringify(opts), drop);
  console.log(Object.entries(r.perClass).map(([k, v]) => `${k}:${v.recall.toFixed(2)}`).join(' '));
}
main();
