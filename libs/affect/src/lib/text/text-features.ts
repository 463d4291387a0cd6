import { PorterStemmer } from 'natural/lib/natural/stemmers';
import { AfinnScorer, type AfinnScore } from './afinn';
import { NRC_CATEGORIES, type NrcLexicon } from './nrc-lexicon';
import { TextTokenizer, type TokenizedText } from './tokenize';

/** How a text becomes a vector; stored in the model's metadata so serving builds what training built. */
export interface TextFeatureConfig {
  /** 1: unigrams; 2: unigrams and bigrams (within a clause). */
  ngrams: 1 | 2;
  /** Terms in fewer training documents are dropped (prunes the vocabulary). */
  minDf: number;
  /** Porter-stem words before building terms. */
  stem: boolean;
  /**
   * Words inside a negation scope as features: 'replace' them by `NEG_word` ("not happy" -> not,
   * NEG_happy), 'add' `NEG_word` next to the plain word, or 'none' (ignore negation).
   */
  negation: NegationFeatures;
  /** Multiplier of the dense lexicon block (NRC + AFINN); 0 leaves it out. */
  lexiconScale: number;
}

export const NEGATION_FEATURES = ['none', 'replace', 'add'] as const;
export type NegationFeatures = (typeof NEGATION_FEATURES)[number];

/** Names of the dense lexicon features, appended after the vocabulary. */
export const LEXICON_FEATURES: readonly string[] = [
  ...NRC_CATEGORIES.map((c) => `nrc:${c}`),
  ...NRC_CATEGORIES.map((c) => `nrc:NEG_${c}`),
  'afinn:positive',
  'afinn:negative',
];

export interface SparseVector {
  indices: number[];
  values: number[];
}

export interface TextFeatures {
  vector: SparseVector;
  /** Word tokens in the text. */
  tokens: number;
  /** Word tokens the model knows something about (a vocabulary term, an NRC or an AFINN entry). */
  knownTokens: number;
  afinn: AfinnScore;
}

/** The analysis that does not depend on a fitted vocabulary; shared by fit and featurize. */
export class TextAnalyzer {
  readonly tokenizer = new TextTokenizer();
  readonly afinn = new AfinnScorer();
  private readonly nrcByStem = new Map<string, number>();

  constructor(readonly lexicon: NrcLexicon) {
    for (const [word, mask] of lexicon) {
      const stem = PorterStemmer.stem(word);
      this.nrcByStem.set(stem, (this.nrcByStem.get(stem) ?? 0) | mask);
    }
  }

  nrcMask(word: string, stem: string): number {
    return this.lexicon.get(word) ?? this.nrcByStem.get(stem) ?? 0;
  }

  stem(word: string): string {
    return /^[a-z]+$/.test(word) ? PorterStemmer.stem(word) : word;
  }

  /** The n-gram terms of a tokenised text under a config. */
  terms(text: TokenizedText, stems: string[], config: TextFeatureConfig): string[] {
    const words = text.tokens.map((token, i) => (config.stem ? stems[i] : token));
    const unigrams = words.map((w, i) => (config.negation === 'replace' && text.negated[i] ? `NEG_${w}` : w));
    const terms = [...unigrams];
    if (config.negation === 'add') words.forEach((w, i) => text.negated[i] && terms.push(`NEG_${w}`));
    if (config.ngrams === 2)
      for (let i = 1; i < unigrams.length; i++)
        if (text.clause[i] === text.clause[i - 1]) terms.push(`${unigrams[i - 1]} ${unigrams[i]}`);
    return terms;
  }
}

/** TF-IDF (sublinear tf, smooth idf, L2-normalised) over a fitted vocabulary, plus a dense lexicon block. */
export class TextFeaturizer {
  private readonly index: ReadonlyMap<string, number>;

  constructor(
    readonly config: TextFeatureConfig,
    readonly vocabulary: readonly string[],
    readonly idf: readonly number[],
    readonly analyzer: TextAnalyzer,
  ) {
    if (vocabulary.length !== idf.length) throw new Error(`${vocabulary.length} terms but ${idf.length} idf values`);
    this.index = new Map(vocabulary.map((term, i) => [term, i]));
  }

  /** Vocabulary (document frequency >= minDf) and idf from training texts. */
  static fit(texts: readonly string[], config: TextFeatureConfig, analyzer: TextAnalyzer): TextFeaturizer {
    const df = new Map<string, number>();
    for (const text of texts) {
      const tokenized = analyzer.tokenizer.tokenize(text);
      const stems = tokenized.tokens.map((t) => analyzer.stem(t));
      for (const term of new Set(analyzer.terms(tokenized, stems, config))) df.set(term, (df.get(term) ?? 0) + 1);
    }
    const vocabulary = [...df.entries()]
      .filter(([, n]) => n >= config.minDf)
      .map(([term]) => term)
      .sort();
    const idf = vocabulary.map((term) => Math.log((1 + texts.length) / (1 + (df.get(term) ?? 0))) + 1);
    return new TextFeaturizer(config, vocabulary, idf, analyzer);
  }

  get dimension(): number {
    return this.vocabulary.length + (this.config.lexiconScale > 0 ? LEXICON_FEATURES.length : 0);
  }

  featurize(text: string): TextFeatures {
    const tokenized = this.analyzer.tokenizer.tokenize(text);
    const stems = tokenized.tokens.map((t) => this.analyzer.stem(t));
    const counts = new Map<number, number>();
    for (const term of this.analyzer.terms(tokenized, stems, this.config)) {
      const i = this.index.get(term);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const indices = [...counts.keys()].sort((a, b) => a - b);
    const values = indices.map((i) => (1 + Math.log(counts.get(i) ?? 1)) * this.idf[i]);
    const norm = Math.sqrt(values.reduce((s, v) => s + v * v, 0));
    if (norm > 0) for (let k = 0; k < values.length; k++) values[k] /= norm;

    const afinn = this.analyzer.afinn.score(tokenized);
    let knownTokens = 0;
    const nrc = new Array<number>(2 * NRC_CATEGORIES.length).fill(0);
    tokenized.tokens.forEach((token, i) => {
      const mask = this.analyzer.nrcMask(token, stems[i]);
      const base = this.config.stem ? stems[i] : token;
      const unigram = this.config.negation === 'replace' && tokenized.negated[i] ? `NEG_${base}` : base;
      if (mask !== 0 || this.index.has(unigram) || this.analyzer.afinn.wordScore(token) !== undefined) knownTokens++;
      const offset = tokenized.negated[i] ? NRC_CATEGORIES.length : 0;
      for (let bit = 0; bit < NRC_CATEGORIES.length; bit++) if (mask & (1 << bit)) nrc[offset + bit]++;
    });
    if (this.config.lexiconScale > 0) {
      const dense = [...nrc.map((c) => Math.log1p(c)), Math.log1p(afinn.positive / 5), Math.log1p(afinn.negative / 5)];
      dense.forEach((v, k) => {
        if (v === 0) return;
        indices.push(this.vocabulary.length + k);
        values.push(v * this.config.lexiconScale);
      });
    }
    return { vector: { indices, values }, tokens: tokenized.tokens.length, knownTokens, afinn };
  }
}
