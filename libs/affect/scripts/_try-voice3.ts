import { readFileSync } from 'node:fs';
import { chooseBackend, classificationReport } from '../src';
import { EMODB_CLASSES } from '../src/lib/voice/emodb-labels';
import { fitStandardiser, standardise } from '../src/lib/voice/standardiser';
import { predictProbabilities, trainVoiceNetwork } from '../src/lib/voice/voice-network';

function gm(probs: Float32Array[]) { const a = new Array(7).fill(0); probs.forEach((p) => p.forEach((v, k) => (a[k] += Math.log(v + 1e-6)))); return a.indexOf(Math.max(...a)); }
async function main() {
  const opts = JSON.parse(process.argv[2] ?? '{}');
  const file = opts.file ?? '/tmp/emodb-features2.json'; delete opts.file;
 
  const samples: any[] = JSON.parse(readFileSync(file, 'utf8')).map((s: any) => ({ ...s, features: s.features && Float32Array.from(s.features), windows: s.windows.map((w: number[]) => Float32Array.from(w)) })).filter((s: any) => s.features);
  await chooseBackend();
  const mode = opts.mode ?? 'utt'; delete opts.mode;
  const spkU = new Map<string, Float32Array[]>(), spkW = new Map<string, Float32Array[]>();
  samples.forEach((s) => { spkU.set(s.speaker, [...(spkU.get(s.speaker) ?? []), s.features]); spkW.set(s.speaker, [...(spkW.get(s.speaker) ?? []), ...s.windows]); });
  const stU = new Map([...spkU].map(([k, v]) => [k, fitStandardiser(v)]));
  const stW = new Map([...spkW].map(([k, v]) => [k, fitStandardiser(v)]));
  samples.forEach((s) => { s.nu = standardise(s.features, stU.get(s.speaker)!, Infinity); s.nw = s.windows.map((w: Float32Array) => standardise(w, mode === 'uttstats' ? stU.get(s.speaker)! : stW.get(s.speaker)!, Infinity)); });
  const speakers = [...new Set(samples.map((s) => s.speaker))].sort();
  const A: number[] = [], PU: number[] = [], PW: number[] = [], AW: number[] = [];
  for (const sp of speakers) {
    const tr = samples.filter((s) => s.speaker !== sp), te = samples.filter((s) => s.speaker === sp);
    const rows = tr.map((s) => s.nu), labels = tr.map((s) => s.classIndex);
    if (mode === 'mix') tr.forEach((s) => s.nw.forEach((w: Float32Array) => { rows.push(w); labels.push(s.classIndex); }));
    const g = fitStandardiser(rows);
    const members = opts.ens ?? [opts];
    const models = [];
    for (const m of members) models.push(await trainVoiceNetwork(rows.map((r) => standardise(r, g)), labels, 7, { ...opts, ...m }));
    const pp = (rows2: Float32Array[]) => { const outs = models.map((m) => predictProbabilities(m, rows2)); return outs[0].map((_, i) => Float32Array.from(outs[0][i].map((_, k) => outs.reduce((a, o) => a + o[i][k], 0) / outs.length))); };
    for (const s of te) {
      A.push(s.classIndex);
      PU.push(gm(pp([standardise(s.nu, g)])));
      if (s.nw.length) { AW.push(s.classIndex); PW.push(gm(pp(s.nw.map((r: Float32Array) => standardise(r, g))))); }
    }
    models.forEach((m) => m.dispose());
  }
  const r = classificationReport(EMODB_CLASSES, A, PU), w = classificationReport(EMODB_CLASSES, AW, PW);
  console.log(`${mode} ${JSON.stringify(opts)} utt UAR ${r.uar.toFixed(4)} acc ${r.accuracy.toFixed(4)} | windows UAR ${w.uar.toFixed(4)} acc ${w.accuracy.toFixed(4)} n=${w.n}`);
}
main();
