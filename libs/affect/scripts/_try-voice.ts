import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chooseBackend, classificationReport } from '../src';
import { loadEmoDb, type VoiceSample } from '../src/lib/voice/emodb';
import { EMODB_CLASSES } from '../src/lib/voice/emodb-labels';
import { fitStandardiser, standardise } from '../src/lib/voice/standardiser';
import { predictProbabilities, trainVoiceNetwork } from '../src/lib/voice/voice-network';

const CACHE = '/tmp/emodb-features.json';
async function main() {
  let samples: VoiceSample[];
  if (existsSync(CACHE)) {
    samples = JSON.parse(readFileSync(CACHE, 'utf8')).map((s: any) => ({ ...s, features: s.features && Float32Array.from(s.features) }));
  } else {
    const t = Date.now();
    samples = await loadEmoDb('/work/shared/datasets/emodb');
    console.log('features', Date.now() - t, 'ms');
    writeFileSync(CACHE, JSON.stringify(samples.map((s) => ({ ...s, features: s.features && [...s.features] }))));
  }
  console.log(await chooseBackend());
  const opts = JSON.parse(process.argv[2] ?? '{}');
  const speakerNorm = !!opts.speakerNorm; delete opts.speakerNorm;
  const usable = samples.filter((s) => s.features);
  let rowsAll = usable.map((s) => s.features!);
  if (speakerNorm) {
    const bySpk = new Map<string, Float32Array[]>();
    usable.forEach((s) => bySpk.set(s.speaker, [...(bySpk.get(s.speaker) ?? []), s.features!]));
    const st = new Map([...bySpk].map(([k, v]) => [k, fitStandardiser(v)]));
    rowsAll = usable.map((s) => standardise(s.features!, st.get(s.speaker)!));
  }
  const speakers = [...new Set(usable.map((s) => s.speaker))].sort();
  const actual: number[] = [], predicted: number[] = [];
  const t0 = Date.now();
  for (const spk of speakers) {
    const tr = usable.map((s, i) => i).filter((i) => usable[i].speaker !== spk);
    const te = usable.map((s, i) => i).filter((i) => usable[i].speaker === spk);
    const st = fitStandardiser(tr.map((i) => rowsAll[i]));
    const model = await trainVoiceNetwork(tr.map((i) => standardise(rowsAll[i], st)), tr.map((i) => usable[i].classIndex), 7, opts);
    const probs = predictProbabilities(model, te.map((i) => standardise(rowsAll[i], st)));
    model.dispose();
    let c = 0;
    te.forEach((i, k) => { const p = argmax(probs[k]); actual.push(usable[i].classIndex); predicted.push(p); if (p === usable[i].classIndex) c++; });
    process.stdout.write(`${spk}:${(c / te.length).toFixed(2)} `);
  }
  const r = classificationReport(EMODB_CLASSES, actual, predicted);
  console.log(`\nUAR ${r.uar.toFixed(4)} acc ${r.accuracy.toFixed(4)} F1 ${r.macroF1.toFixed(4)} time ${Date.now() - t0}ms`, JSON.stringify(opts), speakerNorm);
  console.log(Object.entries(r.perClass).map(([k, v]) => `${k}:${v.recall.toFixed(2)}`).join(' '));
}
function argmax(a: ArrayLike<number>) { let b = 0; for (let i = 1; i < a.length; i++) if (a[i] > a[b]) b = i; return b; }
main();
