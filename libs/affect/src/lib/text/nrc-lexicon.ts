import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The NRC Word-Emotion Association Lexicon's categories, in the bit order of `NrcLexicon` masks. */
export const NRC_CATEGORIES = [
  'anger',
  'anticipation',
  'disgust',
  'fear',
  'joy',
  'sadness',
  'surprise',
  'trust',
  'negative',
  'positive',
] as const;
export type NrcCategory = (typeof NRC_CATEGORIES)[number];

/** word -> bit mask over `NRC_CATEGORIES`; only words with at least one association. */
export type NrcLexicon = ReadonlyMap<string, number>;

/** The standard public layout under a datasets folder. */
export function nrcLexiconPath(datasetsDir: string): string {
  return join(datasetsDir, 'nrc_emolex', 'NRC-Emotion-Lexicon-Wordlevel-v0.92.txt');
}

/** Parses `word<TAB>emotion<TAB>0|1` lines (CRLF or LF); unknown categories are an error, blank lines are skipped. */
export function parseNrcLexicon(text: string): NrcLexicon {
  const lexicon = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const [word, category, flag] = line.split('\t');
    const bit = NRC_CATEGORIES.indexOf(category as NrcCategory);
    if (!word || bit < 0 || (flag !== '0' && flag !== '1'))
      throw new Error(`NRC lexicon line ${i + 1} is not word<TAB>category<TAB>0|1: ${JSON.stringify(line)}`);
    if (flag === '1') lexicon.set(word, (lexicon.get(word) ?? 0) | (1 << bit));
  });
  return lexicon;
}

export async function readNrcLexicon(path: string): Promise<NrcLexicon> {
  return parseNrcLexicon(await readFile(path, 'utf8'));
}

/** The categories of a mask, for explanations and tests. */
export function nrcCategoriesOf(mask: number): NrcCategory[] {
  return NRC_CATEGORIES.filter((_, bit) => (mask & (1 << bit)) !== 0);
}
