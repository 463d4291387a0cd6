import { join, relative, resolve, sep } from 'node:path';
import type { Emotion } from '@attune/protocol';
import { audioFormatOf } from './audio-formats';
import { buildTrack } from './build-track';
import { type CatalogEntry, readCatalogJson } from './catalog-json';
import type { CatalogProblem, CatalogScan, CatalogTrack } from './catalog-track';
import { emotionOfFolder } from './emotion-folders';
import { readMetadataFile } from './metadata-file';
import { byString, listEntries } from './scan-emotion-folders';

export interface ScanMusicDirOptions {
  /** A CSV or JSON metadata file (format: metadata-file.ts); `<dir>/catalog.json` is read too, this one wins. */
  metadataFile?: string;
  /** Deepest folder level to descend (default 12): guards against symlink loops. */
  maxDepth?: number;
}

/**
 * Every audio file anywhere under `dir` (a MUSIC_DIR as people keep it: artist/album folders,
 * emotion folders, or both). A file below a folder named after an emotion gets that emotion
 * (the nearest such folder wins); metadata may name it otherwise. Files of other types are
 * ignored silently (covers, playlists, notes); unreadable folders and metadata problems are
 * reported. Sorted, so two scans of the same folder compare equal.
 */
export async function scanMusicDir(dir: string, options: ScanMusicDirOptions = {}): Promise<CatalogScan> {
  const root = resolve(dir);
  const problems: CatalogProblem[] = [];
  const metadata = new Map<string, CatalogEntry>();
  const catalogJson = await readCatalogJson(root);
  if (catalogJson.problem) problems.push(catalogJson.problem);
  for (const [file, entry] of catalogJson.entries) metadata.set(file, entry);
  if (options.metadataFile) {
    const extra = await readMetadataFile(options.metadataFile);
    if (extra.problem) problems.push(extra.problem);
    for (const [file, entry] of extra.entries) metadata.set(file, entry);
  }
  const tracks: CatalogTrack[] = [];
  const maxDepth = options.maxDepth ?? 12;
  const walk = async (path: string, depth: number, emotion: Emotion | null): Promise<void> => {
    const rel = relative(root, path).split(sep).join('/') || '.';
    const entries = await listEntries(path, rel, problems);
    if (!entries) return;
    await Promise.all(
      entries.map(async ({ name, stats }) => {
        const relativePath = rel === '.' ? name : `${rel}/${name}`;
        if (stats.isDirectory()) {
          if (depth >= maxDepth) problems.push({ path: relativePath, reason: `deeper than ${maxDepth} levels, skipped` });
          else await walk(join(path, name), depth + 1, emotionOfFolder(name) ?? emotion);
          return;
        }
        const type = audioFormatOf(name);
        if (!type) return;
        if (stats.size === 0) {
          problems.push({ path: relativePath, reason: 'empty file, skipped' });
          return;
        }
        tracks.push(buildTrack(root, relativePath, type, stats.size, emotion, metadata.get(relativePath)));
      }),
    );
  };
  await walk(root, 0, null);
  const found = new Set(tracks.map((t) => t.relativePath));
  for (const file of metadata.keys())
    if (!found.has(file)) problems.push({ path: file, reason: 'listed in the metadata but not an audio file of this folder' });
  return {
    tracks: tracks.sort((a, b) => byString(a.relativePath, b.relativePath)),
    problems: problems.sort((a, b) => byString(a.path, b.path)),
  };
}

