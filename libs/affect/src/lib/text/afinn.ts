import { SentimentAnalyzer } from 'natural/lib/natural/sentiment';
import type { TokenizedText } from './tokenize';

/**
 * A negated word counts with its sign flipped and halved: "not good" is mildly negative, not the
 * opposite of "good" (the "shift" treatment of negation, Taboada et al. 2011).
 */
export const NEGATED_AFINN_FACTOR = -0.5;

/**
 * "never felt worse", "never been better": after never/nothing, a comparative is an
 * intensifier (worst / best ever), so it keeps its sign instead of flipping.
 */
const COMPARATIVES = new Set(['better', 'worse', 'happier', 'sadder', 'angrier', 'lonelier', 'calmer', 'greater']);
const SUPERLATIVE_CUES = new Set(['never', 'nothing']);

/** AFINN-165 word scores (-5..5) summed over a text, negation-aware. */
export interface AfinnScore {
  /** Sum of the (negation-adjusted) word scores. */
  sum: number;
  positive: number;
  negative: number;
  /** Words found in AFINN. */
  hits: number;
  /** tanh(sum / 5): in (-1, 1), one strongly valenced word ~ +-0.5. */
  valence: number;
}

/** AFINN-165 as natural ships it (`afinn-165`), scored with scoped negation instead of natural's sticky one. */
export class AfinnScorer {
  private readonly vocabulary: Readonly<Record<string, number>>;

  constructor() {
    this.vocabulary = (
      new SentimentAnalyzer('English', undefined, 'afinn') as unknown as { vocabulary: Record<string, number> }
    ).vocabulary;
  }

  wordScore(word: string): number | undefined {
    return this.vocabulary[word];
  }

  score(text: TokenizedText): AfinnScore {
    let positive = 0;
    let negative = 0;
    let hits = 0;
    text.tokens.forEach((token, i) => {
      const raw = this.vocabulary[token];
      if (raw === undefined) return;
      hits++;
      const cue = text.cue[i];
      const intensified = cue !== null && SUPERLATIVE_CUES.has(cue) && COMPARATIVES.has(token);
      const s = text.negated[i] && !intensified ? NEGATED_AFINN_FACTOR * raw : raw;
      if (s > 0) positive += s;
      else negative -= s;
    });
    const sum = positive - negative;
    return { sum, positive, negative, hits, valence: Math.tanh(sum / 5) };
  }
}
