import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { type CatalogEntry, parseCatalogEntries } from './catalog-json';
import type { CatalogProblem } from './catalog-track';

/**
 * Reads a metadata file: JSON (the catalog.json format, an array of entries) or CSV with a
 * header row naming the same fields (file,title,artist,album,genres,language,durationSec,
 * licence,attribution,uri,emotion,valence,arousal,tempo,energy,moodTags; genres and moodTags
 * separated by `;` or `|`). Values in a metadata file are annotations. A malformed file is
 * reported and ignored as a whole.
 */
export async function readMetadataFile(path: string): Promise<{ entries: Map<string, CatalogEntry>; problem?: CatalogProblem }> {
  const name = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { entries: new Map(), problem: { path: name, reason: `unreadable, ignored: ${(error as Error).message}` } };
  }
  if (extname(path).toLowerCase() === '.csv') return parseCatalogEntries(csvEntries(text), name);
  try {
    return parseCatalogEntries(JSON.parse(text), name);
  } catch (error) {
    return { entries: new Map(), problem: { path: name, reason: `not valid JSON, ignored: ${(error as Error).message}` } };
  }
}

const NUMERIC = new Set(['durationSec', 'valence', 'arousal', 'tempo', 'energy']);

/** CSV rows as entry objects: empty cells are absent, numeric columns become numbers (or stay text, and fail validation). */
export function csvEntries(text: string): Record<string, unknown>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const columns = header.map((h) => h.trim());
  return rows
    .filter((row) => row.some((cell) => cell.trim() !== ''))
    .map((row) => {
      const entry: Record<string, unknown> = {};
      columns.forEach((column, i) => {
        const cell = (row[i] ?? '').trim();
        if (cell === '') return;
        entry[column] = NUMERIC.has(column) && !Number.isNaN(Number(cell)) ? Number(cell) : cell;
      });
      return entry;
    });
}

/** RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
