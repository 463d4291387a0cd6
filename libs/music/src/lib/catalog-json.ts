import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { CatalogProblem } from './catalog-track';

const CATALOG_JSON = 'catalog.json';

/** What catalog.json may say about a file; other keys (source, excerpt, ...) are provenance the scan does not read. */
const entrySchema = z.object({
  file: z.string().min(1),
  title: z.string().min(1),
  artist: z.string().min(1),
  album: z.string().nullish(),
  licence: z.string().nullish(),
  attribution: z.string().nullish(),
});

const catalogSchema = z
  .array(entrySchema)
  .refine((entries) => new Set(entries.map((e) => e.file)).size === entries.length, 'lists a file more than once');

export type CatalogEntry = z.infer<typeof entrySchema>;

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
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    return { entries: none, problem: { path: CATALOG_JSON, reason: `malformed, ignored: ${issue.message}${where}` } };
  }
  return { entries: new Map(parsed.data.map((entry) => [entry.file, entry])) };
}
