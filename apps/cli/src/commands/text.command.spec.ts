import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DEFAULT_TEXT_TRAINING,
  saveTextModel,
  textModelMetadata,
  trainTextClassifier,
  type LabelledText,
} from '@attune/affect';

const ROOT = join(__dirname, '../../../..');

const LINES: LabelledText[] = [
  ...['i feel so sad today', 'i feel lonely and down', 'im feeling miserable'].map((text) => ({
    text,
    label: 'sadness' as const,
  })),
  ...['i feel happy and glad', 'i feel wonderful today', 'im feeling great'].map((text) => ({
    text,
    label: 'joy' as const,
  })),
  ...['i feel loved and cherished', 'i feel so tender', 'i feel affectionate'].map((text) => ({
    text,
    label: 'love' as const,
  })),
  ...['i feel angry and irritated', 'i feel furious', 'im feeling so mad'].map((text) => ({
    text,
    label: 'anger' as const,
  })),
  ...['i feel scared and afraid', 'i feel terrified', 'im feeling anxious'].map((text) => ({
    text,
    label: 'fear' as const,
  })),
  ...['i feel amazed', 'i feel so surprised', 'im feeling shocked'].map((text) => ({
    text,
    label: 'surprise' as const,
  })),
];

describe('attune eval text', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'attune-eval-text-'));
    const trained = trainTextClassifier(LINES, new Map(), DEFAULT_TEXT_TRAINING);
    await saveTextModel(
      join(dir, 'tiny'),
      trained,
      textModelMetadata('tiny', trained, DEFAULT_TEXT_TRAINING, { trainFile: 'spec', n: LINES.length, seconds: 0 }),
    );
    await writeFile(join(dir, 'data.txt'), `${LINES.map((l) => `${l.text};${l.label}`).join('\n')}\n`);
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints the eval JSON on its last line for any text;label file', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'apps/cli/src/main.ts',
        'eval',
        'text',
        '--dataset',
        'dair',
        '--data',
        join(dir, 'data.txt'),
        '--models-dir',
        dir,
        '--model',
        'tiny',
        '--json',
      ],
      { cwd: ROOT, env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.base.json' } },
    );
    const result = JSON.parse(stdout.trim().split('\n').pop() ?? '');
    expect(Object.keys(result).sort()).toEqual(
      ['accuracy', 'confusion', 'dataset', 'macroF1', 'model', 'n', 'perClass', 'uar'].sort(),
    );
    expect(result).toMatchObject({ model: 'tiny', dataset: 'dair', n: LINES.length });
    expect(result.confusion.labels).toEqual(['sadness', 'joy', 'love', 'anger', 'fear', 'surprise']);
    expect(result.confusion.matrix).toHaveLength(6);
    expect(Object.keys(result.perClass.joy).sort()).toEqual(['f1', 'precision', 'recall', 'support']);
    expect(result.accuracy).toBeGreaterThan(0.8);
  }, 120_000);
});
