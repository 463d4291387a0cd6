import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import {
  analyzeAudioFile,
  applyAnalysis,
  AudioDecoder,
  type CatalogTrack,
  findDemoMusicDir,
  fitMusicVa,
  type LabelledClip,
  readEmoMusicClips,
  scanEmotionFolders,
  scanMusicDir,
} from '@attune/music';
import type { CliConfig } from '../cli-config';
import { printJson, printLines } from '../output';

const LAST_LINE = 'With --json, stdout is JSON lines and the last line is always one JSON object (the summary).';

/** `attune catalog scan|analyze|fit-va`: what the server would load from a music folder, and its audio analysis. */
export function registerCatalog(program: Command, config: CliConfig): void {
  const catalog = program.command('catalog').description('music catalog tools');
  catalog
    .command('scan')
    .description(
      'scan a folder in the emotion-folder layout (<dir>/<emotion>/*.{mp3,ogg}) and report tracks and problems',
    )
    .option('--dir <dir>', 'music folder (default: MUSIC_DIR, else the bundled demo catalog)')
    .option('--json', 'print one JSON object as the last line')
    .action(async (opts: { dir?: string; json?: boolean }) => {
      const dir = opts.dir ?? config.musicDir ?? findDemoMusicDir();
      if (!dir) throw new Error('no folder given, MUSIC_DIR unset and no demo catalog found');
      const scan = await scanEmotionFolders(dir);
      if (opts.json) return printJson({ dir, tracks: scan.tracks, problems: scan.problems });
      const byEmotion = new Map<string, number>();
      for (const t of scan.tracks) byEmotion.set(t.emotion, (byEmotion.get(t.emotion) ?? 0) + 1);
      printLines([
        `${scan.tracks.length} tracks in ${dir}`,
        ...[...byEmotion].map(([e, n]) => `  ${e}: ${n}`),
        ...scan.problems.map((p) => `problem: ${p.path}: ${p.reason}`),
      ]);
    });

  catalog
    .command('analyze')
    .description(
      'analyse every audio file under a folder (recursive): tempo, energy, brightness, flux, key/mode, valence and ' +
        `arousal; results cached by content hash under DATA_DIR/music-analysis. ${LAST_LINE}`,
    )
    .option('--dir <dir>', 'music folder (default: MUSIC_DIR, else the bundled demo catalog)')
    .option('--metadata <file>', 'a CSV or JSON metadata file for the tracks')
    .option('--json', 'one JSON object per track (one line each), then a JSON summary as the last line')
    .option('--force', 'ignore the cache and analyse again')
    .option('--update-catalog', "write the analysed descriptors into <dir>/catalog.json (provenance 'analysis')")
    .action(async (opts: { dir?: string; metadata?: string; json?: boolean; force?: boolean; updateCatalog?: boolean }) => {
      const dir = opts.dir ?? config.musicDir ?? findDemoMusicDir();
      if (!dir) throw new Error('no folder given, MUSIC_DIR unset and no demo catalog found');
      const scan = await scanMusicDir(dir, { metadataFile: opts.metadata });
      const cacheDir = join(config.dataDir, 'music-analysis');
      const decoder = new AudioDecoder();
      const analysed: CatalogTrack[] = [];
      const failures: { path: string; reason: string }[] = [];
      let audioSeconds = 0;
      let freshAudioSeconds = 0;
      let analysisSeconds = 0;
      let cachedCount = 0;
      const cpuStart = process.cpuUsage();
      try {
        for (const track of scan.tracks) {
          try {
            const { analysis, cached } = await analyzeAudioFile(track.path, { decoder, cacheDir, force: opts.force });
            const withAnalysis = applyAnalysis(track, analysis);
            analysed.push(withAnalysis);
            audioSeconds += analysis.features.durationSec;
            if (cached) cachedCount++;
            else {
              freshAudioSeconds += analysis.features.durationSec;
              analysisSeconds += analysis.analysisSec;
            }
            const line = {
              id: track.id,
              file: track.relativePath,
              title: track.title,
              artist: track.artist,
              emotion: withAnalysis.emotion,
              valence: withAnalysis.valence,
              arousal: withAnalysis.arousal,
              tempo: withAnalysis.tempo,
              energy: withAnalysis.energy,
              provenance: withAnalysis.provenance,
              features: analysis.features,
              sha256: analysis.sha256,
              model: analysis.version,
              cached,
              analysisSec: round(analysis.analysisSec),
            };
            if (opts.json) printJson(line);
            else
              printLines([
                `${track.relativePath}: valence ${fmt(line.valence)}, arousal ${fmt(line.arousal)}, ${Math.round(analysis.tempo)} BPM, ` +
                  `energy ${fmt(line.energy)}, ${analysis.features.key}${cached ? ' (cached)' : ` (${round(analysis.analysisSec)} s)`}`,
              ]);
          } catch (error) {
            failures.push({ path: track.relativePath, reason: `cannot analyse: ${(error as Error).message}` });
            if (opts.json) printJson({ file: track.relativePath, error: (error as Error).message });
          }
        }
      } finally {
        await decoder.dispose();
      }
      const cpu = process.cpuUsage(cpuStart);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      if (opts.updateCatalog) await updateCatalogJson(dir, analysed);
      const summary = {
        dir,
        tracks: scan.tracks.length,
        analysed: analysed.length - cachedCount,
        cached: cachedCount,
        failed: failures.length,
        audioSeconds: round(audioSeconds),
        analysisSeconds: round(analysisSeconds),
        // Over freshly analysed files only: cache hits cost nothing and would flatter the figure.
        xRealTime: analysisSeconds > 0 ? round(freshAudioSeconds / analysisSeconds) : null,
        // CPU time of the whole process (main thread + decoder worker): the speed on one idle core,
        // unaffected by other processes sharing the machine. Includes cache reads when some hit.
        cpuSeconds: round(cpuSeconds),
        xRealTimeCpu: freshAudioSeconds > 0 && cpuSeconds > 0 ? round(freshAudioSeconds / cpuSeconds) : null,
        cacheDir,
        problems: [...scan.problems, ...failures],
      };
      // A file that cannot be analysed is reported, not fatal; the exit code still says something failed.
      if (failures.length) process.exitCode = 1;
      if (opts.json) return printJson(summary);
      printLines([
        `${summary.tracks} tracks, ${summary.analysed} analysed, ${summary.cached} from the cache, ${summary.failed} failed; ` +
          `${summary.audioSeconds} s of audio` +
          (summary.xRealTime ? `, analysed at ${summary.xRealTime}x real time` : ''),
        ...summary.problems.map((p) => `problem: ${p.path}: ${p.reason}`),
      ]);
    });

  catalog
    .command('fit-va')
    .description(
      'fit the valence/arousal model of the audio analysis on the MediaEval 2013 clips in DATASETS_DIR/emomusic ' +
        `and report leave-one-out Spearman correlations. ${LAST_LINE}`,
    )
    .option('--dataset <dir>', 'the emomusic folder (default: DATASETS_DIR/emomusic)')
    .option('--lambda <n>', 'ridge strength on standardised inputs', '2')
    .option('--json', 'print one JSON object as the last line')
    .option('--write <file>', 'rewrite the generated MUSIC_VA_MODEL block of this source file with the fit')
    .action(async (opts: { dataset?: string; lambda: string; json?: boolean; write?: string }) => {
      const dir = opts.dataset ?? join(config.datasetsDir, 'emomusic');
      const clips = await readEmoMusicClips(dir);
      if (clips.length < 4) throw new Error(`need at least 4 annotated clips with audio in ${dir}, found ${clips.length}`);
      const decoder = new AudioDecoder();
      const labelled: LabelledClip[] = [];
      try {
        for (const clip of clips) {
          const { analysis } = await analyzeAudioFile(clip.path, { decoder, cacheDir: join(config.dataDir, 'music-analysis') });
          labelled.push({ id: String(clip.songId), features: analysis.features, valence: clip.valence, arousal: clip.arousal });
        }
      } finally {
        await decoder.dispose();
      }
      const fit = fitMusicVa(labelled, Number(opts.lambda));
      if (opts.write) await writeModelBlock(opts.write, fit.model);
      if (opts.json) return printJson({ dataset: dir, ...fit });
      printLines([
        `${fit.n} clips, ridge lambda ${fit.lambda}`,
        `leave-one-out Spearman: valence ${fmt(fit.looSpearman.valence)}, arousal ${fmt(fit.looSpearman.arousal)}`,
        `in-sample Spearman (optimistic): valence ${fmt(fit.inSampleSpearman.valence)}, arousal ${fmt(fit.inSampleSpearman.arousal)}`,
        `single cue, nothing fitted: valence~mode ${fmt(fit.singleCueSpearman.valence)}, arousal~loudness ${fmt(fit.singleCueSpearman.arousal)}`,
        ...(opts.write ? [`model written to ${opts.write}`] : []),
      ]);
    });
}

/** Adds the analysed descriptors (provenance 'analysis') to the entries of `<dir>/catalog.json`; other keys stay. */
async function updateCatalogJson(dir: string, tracks: readonly CatalogTrack[]): Promise<void> {
  const file = join(dir, 'catalog.json');
  const entries = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>[];
  const byPath = new Map(tracks.map((t) => [t.relativePath, t]));
  for (const entry of entries) {
    const t = byPath.get(String(entry['file']));
    if (!t) continue;
    for (const key of ['valence', 'arousal', 'tempo', 'energy'] as const)
      if (t.provenance[key] === 'analysis' && t[key] !== null) entry[key] = { value: t[key], source: 'analysis' };
    if (t.durationSec !== null && entry['durationSec'] === undefined) entry['durationSec'] = t.durationSec;
  }
  await writeFile(file, `${JSON.stringify(entries, null, 2)}\n`);
}

async function writeModelBlock(file: string, model: unknown): Promise<void> {
  const source = await readFile(file, 'utf8');
  const begin = '// BEGIN GENERATED MUSIC_VA_MODEL';
  const end = '// END GENERATED MUSIC_VA_MODEL';
  const [i, j] = [source.indexOf(begin), source.indexOf(end)];
  if (i < 0 || j < i) throw new Error(`${file} has no generated MUSIC_VA_MODEL block`);
  const rounded = JSON.stringify(model, (_, v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v), 2)
    .replace(/"(\w+)":/g, '$1:')
    .replace(/"/g, "'")
    .replace(/\[\s+([^\]]*?)\s+\]/g, (_, items: string) => `[${items.split(/,\s+/).join(', ')}]`)
    .replace(/(\]|\d|'|\})\n(\s*)\}/g, '$1,\n$2}')
    .replace(/,\n\}$/, '\n}')
    .replace(/\}\n\}$/, '},\n}');
  const block = `${begin}\nexport const MUSIC_VA_MODEL: MusicVaModel = ${rounded};\n`;
  await writeFile(file, source.slice(0, i) + block + source.slice(j));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const fmt = (x: number | null) => (x === null ? 'n/a' : x.toFixed(2));
