import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { datasetsDir } from '../../testing/fixtures';
import { ckplusSubject, loadCkPlus48 } from './ckplus48';
import { classCounts } from './face-crop-set';
import { loadFer2013Csv, loadFer2013Folder } from './fer2013';
import { CKPLUS48_LABELS, FER2013_CODES } from './label-maps';
import { subjectFolds } from './subject-folds';

/** A grey square PNG/JPEG of one flat value, so decoded pixels are predictable. */
async function greyImage(file: string, value: number, side = 48): Promise<void> {
  const image = sharp(Buffer.alloc(side * side, value), { raw: { width: side, height: side, channels: 1 } });
  await writeFile(file, await (file.endsWith('.png') ? image.png() : image.jpeg({ quality: 100 })).toBuffer());
}

describe('dataset loaders on a temporary public layout', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'attune-faces-'));
    for (const [folder, value, names] of [
      ['anger', 10, ['S005_001_00000011.png', 'S010_002_00000014.png']],
      ['sadness', 200, ['S005_003_00000009.png']],
      ['contempt', 120, ['S022_001_00000030.png']],
    ] as const) {
      await mkdir(join(root, 'ck', folder), { recursive: true });
      for (const name of names) await greyImage(join(root, 'ck', folder, name), value);
    }
    for (const [split, folder, value] of [
      ['train', 'happy', 250],
      ['train', 'neutral', 100],
      ['validation', 'sad', 50],
    ] as const) {
      await mkdir(join(root, 'fer', split, folder), { recursive: true });
      await greyImage(join(root, 'fer', split, folder, `${folder}-1.jpg`), value, 64);
    }
    const row = (code: number, value: number, usage: string) =>
      `${code},${new Array(2304).fill(value).join(' ')},${usage}`;
    await writeFile(
      join(root, 'fer.csv'),
      [
        'emotion,pixels,Usage',
        row(3, 7, 'Training'),
        row(0, 9, 'PublicTest'),
        row(6, 11, 'Training'),
        row(2, 5, 'PrivateTest'),
      ].join('\n'),
    );
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('reads CK+48 with explicit labels (anger -> angry, sadness -> sad, contempt kept) and subjects', async () => {
    const set = await loadCkPlus48(join(root, 'ck'));
    expect(set.labels).toEqual(CKPLUS48_LABELS);
    expect(set.targets.length).toBe(4);
    const label = (i: number) => set.labels[set.targets[i]];
    expect(set.sources.map((s, i) => [s.split('/').slice(-2).join('/'), label(i), set.subjects?.[i]])).toEqual([
      ['anger/S005_001_00000011.png', 'angry', 'S005'],
      ['anger/S010_002_00000014.png', 'angry', 'S010'],
      ['contempt/S022_001_00000030.png', 'contempt', 'S022'],
      ['sadness/S005_003_00000009.png', 'sad', 'S005'],
    ]);
    expect(set.pixels.length).toBe(4 * 48 * 48);
    expect(set.pixels[0]).toBe(10);
    expect(set.pixels[3 * 48 * 48]).toBe(200);
  });

  it('refuses CK+ class folders it has no label for, and names that carry no subject', async () => {
    await mkdir(join(root, 'ck-bad', 'boredom'), { recursive: true });
    await expect(loadCkPlus48(join(root, 'ck-bad'))).rejects.toThrow(/unknown class folder "boredom"/);
    expect(() => ckplusSubject('face_001.png')).toThrow(/not a CK\+ file name/);
  });

  it('reads a FER2013 folder split, resizing to the requested side', async () => {
    const train = await loadFer2013Folder(join(root, 'fer'), 'train', { size: 40 });
    expect(train.labels).toEqual(FER2013_CODES);
    expect(train.size).toBe(40);
    expect(Array.from(train.targets, (t) => train.labels[t])).toEqual(['happy', 'neutral']);
    expect(train.pixels.length).toBe(2 * 40 * 40);
    expect(Math.abs(train.pixels[0] - 250)).toBeLessThanOrEqual(2);
    const validation = await loadFer2013Folder(join(root, 'fer'), 'validation');
    expect(Array.from(validation.targets, (t) => validation.labels[t])).toEqual(['sad']);
  });

  it('reads the FER2013 CSV by Usage with the 0..6 code order', async () => {
    const train = await loadFer2013Csv(join(root, 'fer.csv'), 'train');
    expect(Array.from(train.targets, (t) => train.labels[t])).toEqual(['happy', 'neutral']);
    expect([train.pixels[0], train.pixels[2304]]).toEqual([7, 11]);
    const test = await loadFer2013Csv(join(root, 'fer.csv'), 'test');
    expect(Array.from(test.targets, (t) => test.labels[t])).toEqual(['fear']);
    await writeFile(join(root, 'bad.csv'), 'emotion,pixels,Usage\n9,1 2 3,Training\n');
    await expect(loadFer2013Csv(join(root, 'bad.csv'), 'train')).rejects.toThrow(/emotion "9" is not 0..6/);
  });
});

describe('subjectFolds', () => {
  const subjects = Array.from({ length: 120 }, (_, i) => `S${String(i % 23).padStart(3, '0')}`);

  it('puts every subject in exactly one fold and uses every fold', () => {
    const folds = subjectFolds(subjects, 5, 42);
    const foldOf = new Map<string, number>();
    subjects.forEach((s, i) => {
      if (foldOf.has(s)) expect(folds[i]).toBe(foldOf.get(s));
      foldOf.set(s, folds[i]);
    });
    expect(new Set(folds)).toEqual(new Set([0, 1, 2, 3, 4]));
    const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(6);
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(subjectFolds(subjects, 5, 42)).toEqual(subjectFolds(subjects, 5, 42));
    expect(subjectFolds(subjects, 5, 43)).not.toEqual(subjectFolds(subjects, 5, 42));
  });

  it('refuses more folds than subjects', () => {
    expect(() => subjectFolds(['a', 'a', 'b'], 3, 1)).toThrow(/k must be 2..2/);
  });
});

const DATASETS = datasetsDir();
const CKPLUS = join(DATASETS, 'ckplus48');
const FER = join(DATASETS, 'fer2013');
const real = existsSync(CKPLUS) && existsSync(FER);
if (!real) console.warn(`CK+48/FER2013 not found under ${DATASETS}: real-data loader tests skipped (set DATASETS_DIR)`);

(real ? describe : describe.skip)('dataset loaders on the real data', () => {
  it('loads all 774 CK+48 crops of 94 subjects, 10-fold grouping keeps subjects apart', async () => {
    const set = await loadCkPlus48(CKPLUS);
    expect(set.targets.length).toBe(774);
    expect(new Set(set.subjects).size).toBe(94);
    expect(classCounts(set).every((c) => c > 0)).toBe(true);
    const subjects = set.subjects ?? [];
    const folds = subjectFolds(subjects, 10, 1);
    for (let f = 0; f < 10; f++) {
      const inFold = new Set(subjects.filter((_, i) => folds[i] === f));
      const outside = new Set(subjects.filter((_, i) => folds[i] !== f));
      expect([...inFold].filter((s) => outside.has(s))).toEqual([]);
    }
  });

  it('loads a spread sample of FER2013 validation with every class', async () => {
    const set = await loadFer2013Folder(FER, 'validation', { limit: 350 });
    expect(set.targets.length).toBe(350);
    expect(classCounts(set).every((c) => c > 0)).toBe(true);
    expect(set.pixels.some((p) => p > 0)).toBe(true);
  });
});
