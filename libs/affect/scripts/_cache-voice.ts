import { writeFileSync } from 'node:fs';
import { loadEmoDb } from '../src/lib/voice/emodb';
async function main() {
  const t = Date.now();
  const samples = await loadEmoDb('/work/shared/datasets/emodb');
  console.log('features', Date.now() - t, 'ms', samples.reduce((a, s) => a + s.windows.length, 0), 'windows', samples.filter((s) => s.windows.length === 0).length, 'no-window');
  writeFileSync('/tmp/emodb-features2.json', JSON.stringify(samples.map((s) => ({ ...s, features: s.features && [...s.features], windows: s.windows.map((w) => [...w]) }))));
}
main();
