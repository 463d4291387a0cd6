import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { affectEstimateSchema } from '@attune/protocol';
import { AfinnScorer } from './afinn';
import { dairPath, parseDairLines, readDairFile, type LabelledText } from './dair';
import { evaluateTextModel } from './evaluate-text-model';
import { nrcCategoriesOf, nrcLexiconPath, parseNrcLexicon, readNrcLexicon, type NrcLexicon } from './nrc-lexicon';
import { DEFAULT_TEXT_TRAINING, textModelMetadata } from './text-training';
import { TextEmotionModel } from './text-emotion-model';
import { loadTextModel, saveTextModel } from './text-model-files';
import { TextTokenizer } from './tokenize';
import { trainTextClassifier } from './train-text-model';

const DATASETS = resolve(process.env['DATASETS_DIR'] ?? join(__dirname, '../../../../../../shared/datasets'));
const HAVE_DATA = existsSync(nrcLexiconPath(DATASETS)) && existsSync(dairPath(DATASETS, 'train'));
if (!HAVE_DATA)
  console.warn(
    `text tests on real data skipped: no NRC lexicon / dair-ai emotion under ${DATASETS} (set DATASETS_DIR)`,
  );
const withData = HAVE_DATA ? describe : describe.skip;

describe('TextTokenizer', () => {
  const tokenizer = new TextTokenizer();

  it('marks the negation scope up to the next punctuation or contrast word', () => {
    const t = tokenizer.tokenize("I'm NOT happy with it, but fine. Never felt worse");
    expect(t.tokens).toEqual(["i'm", 'not', 'happy', 'with', 'it', 'but', 'fine', 'never', 'felt', 'worse']);
    expect(t.negated).toEqual([false, false, true, true, true, false, false, false, true, true]);
    expect(t.cue[9]).toBe('never');
    expect(t.clause[4]).not.toBe(t.clause[5]);
  });

  it('treats contractions with and without the apostrophe as cues', () => {
    expect(tokenizer.tokenize('i don\u2019t feel good').negated).toEqual([false, false, true, true]);
    expect(tokenizer.tokenize('i dont feel good').negated).toEqual([false, false, true, true]);
    expect(tokenizer.tokenize('i feel good').negated).toEqual([false, false, false]);
  });

  it('returns nothing for text without words', () => {
    expect(tokenizer.tokenize('').tokens).toEqual([]);
    expect(tokenizer.tokenize('?!  ...').tokens).toEqual([]);
  });
});

describe('AfinnScorer', () => {
  const afinn = new AfinnScorer();
  const tokenizer = new TextTokenizer();
  const valence = (text: string) => afinn.score(tokenizer.tokenize(text)).valence;

  it('flips (and halves) the sign of negated words', () => {
    expect(valence('i am happy')).toBeGreaterThan(0);
    expect(valence('i am not happy')).toBeLessThan(0);
    expect(valence('not bad at all')).toBeGreaterThan(0);
    expect(valence('i am not happy. i am happy')).toBeGreaterThan(0);
    expect(Math.abs(valence('not happy'))).toBeLessThan(Math.abs(valence('happy')));
  });

  it('reads "never felt worse" as negative and "never been better" as positive', () => {
    expect(valence('never felt worse')).toBeLessThan(0);
    expect(valence('i have never been better')).toBeGreaterThan(0);
  });

  it('is 0 with no AFINN word', () => {
    expect(afinn.score(tokenizer.tokenize('the table is brown'))).toMatchObject({ hits: 0, valence: 0 });
  });
});

describe('NRC lexicon and dair files', () => {
  it('parses CRLF word/category/flag lines into bit masks', () => {
    const lexicon = parseNrcLexicon(
      'abandon\tfear\t1\r\nabandon\tjoy\t0\r\nabandon\tsadness\t1\r\naback\tanger\t0\r\n',
    );
    expect(nrcCategoriesOf(lexicon.get('abandon') ?? 0)).toEqual(['fear', 'sadness']);
    expect(lexicon.has('aback')).toBe(false);
    expect(() => parseNrcLexicon('word\tboredom\t1')).toThrow(/line 1/);
  });

  it('splits dair lines at the last semicolon and refuses unknown labels', () => {
    expect(parseDairLines('i feel great; really;joy\r\n\ni am scared;fear\n')).toEqual([
      { text: 'i feel great; really', label: 'joy' },
      { text: 'i am scared', label: 'fear' },
    ]);
    expect(() => parseDairLines('i am bored;boredom')).toThrow(/line 1/);
  });

  (HAVE_DATA ? it : it.skip)('loads the real NRC lexicon', async () => {
    const lexicon = await readNrcLexicon(nrcLexiconPath(DATASETS));
    expect(lexicon.size).toBeGreaterThan(6000);
    expect(nrcCategoriesOf(lexicon.get('happy') ?? 0)).toEqual(expect.arrayContaining(['joy', 'positive']));
  });
});

withData('text model on a small real sample', () => {
  let lexicon: NrcLexicon;
  let train: LabelledText[];
  let val: LabelledText[];
  let dir: string;
  let model: TextEmotionModel;

  beforeAll(async () => {
    lexicon = await readNrcLexicon(nrcLexiconPath(DATASETS));
    train = (await readDairFile(dairPath(DATASETS, 'train'))).slice(0, 3000);
    val = (await readDairFile(dairPath(DATASETS, 'val'))).slice(0, 400);
    const options = { ...DEFAULT_TEXT_TRAINING, optimiser: { ...DEFAULT_TEXT_TRAINING.optimiser, maxIterations: 60 } };
    const trained = trainTextClassifier(train, lexicon, options);
    dir = await mkdtemp(join(tmpdir(), 'attune-text-'));
    await saveTextModel(
      join(dir, 'tiny'),
      trained,
      textModelMetadata('tiny', trained, options, { trainFile: 'train[:3000]', n: 3000, seconds: 0 }),
    );
    model = new TextEmotionModel(join(dir, 'tiny'));
    await model.load();
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('learns well above the majority class from 3000 tweets', () => {
    const report = evaluateTextModel(model, val, 'dair');
    expect(report.accuracy).toBeGreaterThan(0.6);
    expect(report.confusion.labels).toEqual(['sadness', 'joy', 'love', 'anger', 'fear', 'surprise']);
  });

  it('round-trips through disk', async () => {
    const { model: loaded } = await loadTextModel(join(dir, 'tiny'));
    const again = TextEmotionModel.fromTrained(loaded, 'tiny');
    expect(again.analyze('i feel so happy', 0).classProbabilities).toEqual(
      model.analyze('i feel so happy', 0).classProbabilities,
    );
  });

  it('gives a valid AffectEstimate, happy with positive valence for a joyful text', async () => {
    const estimate = await model.predict('i feel so happy and excited today');
    expect(affectEstimateSchema.parse(estimate)).toEqual(estimate);
    expect(estimate).toMatchObject({ modality: 'text', label: 'happy', modelId: 'tiny' });
    expect(estimate.valence).toBeGreaterThan(0);
    expect(estimate.distribution.neutral).toBe(0);
  });

  it('has low valence for a negated positive and zero confidence without known words', () => {
    const negated = model.analyze('i am not happy at all', 0).estimate;
    const plain = model.analyze('i am happy', 0).estimate;
    expect(negated.valence).toBeLessThan(plain.valence);
    expect(negated.confidence).toBeLessThan(plain.confidence);
    for (const text of ['', '...', 'zxqv blorptang'])
      expect(model.analyze(text, 0).estimate).toMatchObject({
        confidence: 0,
        label: 'neutral',
        valence: 0,
        arousal: 0,
      });
    expect(model.analyze('sad', 0).estimate.confidence).toBeLessThan(
      model.analyze('i feel so sad and lonely tonight', 0).estimate.confidence,
    );
  });
});
