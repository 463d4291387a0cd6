import { RegexpTokenizer } from 'natural/lib/natural/tokenizers';

/**
 * natural's sub-modules are imported directly: its index also loads the storage back-ends,
 * which run `dotenv.config()` (reading a `.env` into process.env and printing tips).
 */
const WORDS_AND_PUNCTUATION = /[a-z0-9]+(?:'[a-z]+)*|[.,!?;:]/g;

/** Words that open a negation scope (natural's English list plus contractions, with and without the apostrophe as tweets write them). */
export const NEGATION_CUES: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'neither',
  'nor',
  'nobody',
  'nothing',
  'none',
  'nowhere',
  'without',
  'cannot',
  "don't",
  "doesn't",
  "didn't",
  "isn't",
  "aren't",
  "wasn't",
  "weren't",
  "won't",
  "wouldn't",
  "can't",
  "couldn't",
  "shouldn't",
  "haven't",
  "hasn't",
  "hadn't",
  "mustn't",
  "ain't",
  'dont',
  'doesnt',
  'didnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'wont',
  'wouldnt',
  'cant',
  'couldnt',
  'shouldnt',
  'havent',
  'hasnt',
  'hadnt',
  'mustnt',
  'aint',
]);

/** Words that end a negation scope like punctuation does ("not rich but happy": happy is not negated). */
const CONTRAST = new Set(['but', 'however', 'although', 'though', 'yet']);

/** Words, lower-cased, with the negation scope and clause each belongs to; punctuation only delimits. */
export interface TokenizedText {
  tokens: string[];
  /** `negated[i]`: token i lies after a negation cue and before the next punctuation or contrast word. */
  negated: boolean[];
  /** The cue that opened the scope a token lies in (null outside a scope). */
  cue: (string | null)[];
  /** Clause index of each token; n-grams never cross a clause boundary. */
  clause: number[];
}

export class TextTokenizer {
  private readonly tokenizer = new RegexpTokenizer({ pattern: WORDS_AND_PUNCTUATION, gaps: false });

  tokenize(text: string): TokenizedText {
    const normalised = text
      .toLowerCase()
      .replace(/[\u2018\u2019\u02bc`]/g, "'")
      .replace(/https?:\/\/\S+|www\.\S+/g, ' ');
    const raw = this.tokenizer.tokenize(normalised) ?? [];
    const out: TokenizedText = { tokens: [], negated: [], cue: [], clause: [] };
    let cue: string | null = null;
    let clause = 0;
    for (const token of raw) {
      if (/^[.,!?;:]$/.test(token)) {
        cue = null;
        clause++;
        continue;
      }
      if (CONTRAST.has(token)) {
        cue = null;
        clause++;
      }
      out.tokens.push(token);
      out.negated.push(cue !== null);
      out.cue.push(cue);
      out.clause.push(clause);
      if (NEGATION_CUES.has(token) || token.endsWith("n't")) cue = token;
    }
    return out;
  }
}
