import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emotionSchema } from '@attune/protocol';
import { z } from 'zod';
import type { CatalogProblem, Provenance } from './catalog-track';

const CATALOG_JSON = 'catalog.json';

/** A descriptor is a bare value (an annotation) or `{ value, source }` with its provenance. */
const described = <T extends z.ZodTypeAny>(value: T) =>
  z.union([value, z.object({ value, source: z.enum(['annotation', 'analysis', 'folder']) })]);

/** Genres and mood tags: a list, or one string separated by `;` or `|`. */
const tagList = z.union([z.array(z.string()), z.string()]).transform((v) =>
  (Array.isArray(v) ? v : v.split(/[;|]/)).map((s) => s.trim()).filter(Boolean),
);

/** What a metadata entry may say about a file; other keys (excerpt, ...) are provenance the import does not read. */
export const entrySchema = z.object({
  file: z.string().min(1),
  title: z.string().min(1),
  artist: z.string().min(1),
  album: z.string().nullish(),
  licence: z.string().nullish(),
  attribution: z.string().nullish(),
  /** A provider URI (spotify:..., https://...) when the music is not only a local file. */
  uri: z.string().nullish(),
  genres: tagList.nullish(),
  language: z.string().nullish(),
  durationSec: z.number().positive().nullish(),
  emotion: emotionSchema.nullish(),
  valence: described(z.number().min(-1).max(1)).nullish(),
  arousal: described(z.number().min(-1).max(1)).nullish(),
  tempo: described(z.number().positive()).nullish(),
  energy: described(z.number().min(0).max(1)).nullish(),
  moodTags: described(tagList).nullish(),
});

export type CatalogEntry = z.infer<typeof entrySchema>;

export const catalogSchema = z
  .array(entrySchema)
  .refine((entries) => new Set(entries.map((e) => e.file)).size === entries.length, 'lists a file more than once');

/** A descriptor's value and provenance, whether it was written bare or with its source. */
export function describedValue<T>(d: T | { value: T; source: Provenance } | null | undefined): { value: T; source: Provenance } | null {
  if (d === null || d === undefined) return null;
  if (typeof d === 'object' && !Array.isArray(d) && 'source' in (d as object) && 'value' in (d as object))
    return d as { value: T; source: Provenance };
  return { value: d as T, source: 'annotation' };
}

/** Parses catalog entries; a problem (first issue, with its path) instead of an exception. */
export function parseCatalogEntries(json: unknown, name: string): { entries: Map<string, CatalogEntry>; problem?: CatalogProblem } {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    return { entries: new Map(), problem: { path: name, reason: `malformed, ignored: ${issue.message}${where}` } };
  }
  return { entries: new Map(parsed.data.map((entry) => [entry.file, entry])) };
}

/**
 * Metadata by relative file path from `<dir>/catalog.json`. A missing file means "no metadata";
 * an unreadable or malformed one is a problem and is ignored as a whole, so a half-valid file
 * never mixes curated and guessed metadata.
 */
export async function readCatalogJson(
  dir: string,
): Promise<{ entries: Map<string, CatalogEntry>; problem?: CatalogProblem }> {
  const none = new Map<string, CatalogEntry>();
  let text: string;
  try {
    text = await readFile(join(dir, CATALOG_JSON), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: none };
    return {
      entries: none,
      problem: { path: CATALOG_JSON, reason: `unreadable, ignored: ${(error as Error).message}` },
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      entries: none,
      problem: { path: CATALOG_JSON, reason: `not valid JSON, ignored: ${(error as Error).message}` },
    };
  }
  return parseCatalogEntries(json, CATALOG_JSON);
}
