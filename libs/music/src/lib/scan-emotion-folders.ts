import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import type { Emotion } from '@attune/protocol';
import { audioFormatOf, SUPPORTED_EXTENSIONS } from './audio-formats';
import { buildTrack } from './build-track';
import { type CatalogEntry, readCatalogJson } from './catalog-json';
import type { CatalogProblem, CatalogScan, CatalogTrack } from './catalog-track';
import { emotionOfFolder, KNOWN_FOLDER_NAMES } from './emotion-folders';

interface Entry {
  name: string;
  stats: Stats;
}

/**
 * Reads a music folder in the emotion-folder layout of the published systems,
 * `<dir>/<emotion>/<file>.{mp3,ogg,wav,flac,m4a}`, with optional metadata in `<dir>/catalog.json`.
 * Never throws over the folder's content: whatever cannot be used becomes a problem, so a
 * messy music collection still yields every track that is fine.
 */
export async function scanEmotionFolders(dir: string): Promise<CatalogScan> {
  const root = resolve(dir);
  const problems: CatalogProblem[] = [];
  const top = await listEntries(root, '.', problems);
  if (!top) return { tracks: [], problems };
  const catalog = await readCatalogJson(root);
  if (catalog.problem) problems.push(catalog.problem);

  const folders = await Promise.all(
    top.map(async ({ name, stats }) => {
      if (!stats.isDirectory()) {
        // Root-level README, COPYRIGHT, catalog.json and scripts belong there; only stray audio is a mistake.
        if (audioFormatOf(name)) problems.push({ path: name, reason: 'audio file outside an emotion folder, skipped' });
        return [];
      }
      const emotion = emotionOfFolder(name);
      if (emotion) return scanFolder(root, name, emotion, catalog.entries, problems);
      problems.push({
        path: name,
        reason: `unknown emotion folder, skipped (known: ${KNOWN_FOLDER_NAMES.join(', ')})`,
      });
      return [];
    }),
  );
  const tracks = folders.flat();
  const found = new Set(tracks.map((t) => t.relativePath));
  for (const file of catalog.entries.keys()) {
    if (!found.has(file))
      problems.push({ path: file, reason: 'listed in catalog.json but not a track of this folder' });
  }
  // Sorted so two scans of the same folder compare equal, whatever order readdir returns.
  return {
    tracks: tracks.sort((a, b) => byString(a.relativePath, b.relativePath)),
    problems: problems.sort((a, b) => byString(a.path, b.path)),
  };
}

async function scanFolder(
  root: string,
  folder: string,
  emotion: Emotion,
  metadata: ReadonlyMap<string, CatalogEntry>,
  problems: CatalogProblem[],
): Promise<CatalogTrack[]> {
  const files = (await listEntries(join(root, folder), folder, problems)) ?? [];
  return files.flatMap(({ name, stats }): CatalogTrack[] => {
    const relativePath = `${folder}/${name}`;
    if (stats.isDirectory()) {
      problems.push({ path: relativePath, reason: 'subfolder inside an emotion folder, skipped' });
      return [];
    }
    const type = audioFormatOf(name);
    if (!type) {
      const ext = extname(name) || '(none)';
      const supported = SUPPORTED_EXTENSIONS.join(', ');
      problems.push({ path: relativePath, reason: `unsupported file type ${ext}, skipped (supported: ${supported})` });
      return [];
    }
    return [buildTrack(root, relativePath, type, stats.size, emotion, metadata.get(relativePath))];
  });
}

/** Visible entries with their stats (following symlinks); null, with a problem, if the folder cannot be read. */
export async function listEntries(path: string, relativePath: string, problems: CatalogProblem[]): Promise<Entry[] | null> {
  let names: string[];
  try {
    names = await readdir(path);
  } catch (error) {
    problems.push({ path: relativePath, reason: `cannot read the folder: ${(error as Error).message}` });
    return null;
  }
  // Hidden entries are OS and VCS litter (.DS_Store, .git), never music.
  const visible = names.filter((name) => !name.startsWith('.'));
  const entries = await Promise.all(
    visible.map(async (name): Promise<Entry | null> => {
      try {
        return { name, stats: await stat(join(path, name)) };
      } catch (error) {
        const entryPath = relativePath === '.' ? name : `${relativePath}/${name}`;
        problems.push({ path: entryPath, reason: `cannot read: ${(error as Error).message}` });
        return null;
      }
    }),
  );
  return entries.filter((entry): entry is Entry => entry !== null);
}

export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
