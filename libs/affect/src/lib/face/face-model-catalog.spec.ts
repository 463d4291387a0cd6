import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { faceModelCatalog } from './face-model-catalog';
import { listTrainedFaceModels } from './trained-face-models';

const LABELS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];

async function writeModel(dir: string, id: string, metadata: Record<string, unknown>, withGraph = true): Promise<void> {
  await mkdir(join(dir, id), { recursive: true });
  await writeFile(
    join(dir, id, 'metadata.json'),
    JSON.stringify({ id, labels: LABELS, inputSize: 48, channels: 1, ...metadata }),
  );
  if (withGraph) await writeFile(join(dir, id, 'model.json'), '{}');
}

describe('face model catalog', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'face-catalog-'));
    await writeModel(dir, 'fast-old', { architecture: 'fast', dataset: 'fer2013', trainedAt: '2026-11-01T00:00:00Z' });
    await writeModel(dir, 'fast-new', { architecture: 'fast', dataset: 'fer2013', trainedAt: '2026-11-20T00:00:00Z' });
    await writeModel(dir, 'fast-unfinished', {
      architecture: 'fast',
      dataset: 'fer2013',
      metrics: { complete: false },
      trainedAt: '2026-11-21T00:00:00Z',
    });
    await writeModel(
      dir,
      'accurate-ensemble',
      { architecture: 'accurate', dataset: 'fer2013', members: ['fast-old'], trainedAt: '2026-11-19T00:00:00Z' },
      false,
    );
    await writeModel(dir, 'ck', {
      architecture: 'fast',
      dataset: 'ckplus48',
      labels: [...LABELS.slice(0, 6), 'contempt'],
      trainedAt: '2026-11-18T00:00:00Z',
    });
    // Not runnable or not readable: skipped.
    await writeModel(
      dir,
      'weights-missing',
      { architecture: 'fast', dataset: 'fer2013', trainedAt: '2026-12-01T00:00:00Z' },
      false,
    );
    await mkdir(join(dir, 'text-model'));
    await writeFile(join(dir, 'text-model', 'metadata.json'), JSON.stringify({ id: 'text-model', labels: ['joy'] }));
    await writeFile(join(dir, 'text-model', 'model.json'), '{}');
    await mkdir(join(dir, 'broken'));
    await writeFile(join(dir, 'broken', 'metadata.json'), '{ not json');
    await writeFile(join(dir, 'broken', 'model.json'), '{}');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists runnable trained face models newest first, skipping broken folders and other modalities', async () => {
    expect((await listTrainedFaceModels(dir)).map((m) => m.id)).toEqual([
      'fast-unfinished',
      'fast-new',
      'accurate-ensemble',
      'ck',
      'fast-old',
    ]);
    await expect(listTrainedFaceModels(join(dir, 'no-such-dir'))).resolves.toEqual([]);
  });

  it('puts the two anchors first, then the trained models', async () => {
    const catalog = await faceModelCatalog(dir);
    expect(catalog.entries.map((e) => [e.id, e.kind])).toEqual([
      ['human-emotion', 'anchor'],
      ['face-api-expression', 'anchor'],
      ['fast-unfinished', 'trained'],
      ['fast-new', 'trained'],
      ['accurate-ensemble', 'trained'],
      ['ck', 'trained'],
      ['fast-old', 'trained'],
    ]);
    expect(catalog.get('ck')?.labels).toContain('contempt');
    expect(catalog.get('fast-new')?.create().id).toBe('fast-new');
  });

  it('picks the newest finished model for each role, before a newer one still in training', async () => {
    const catalog = await faceModelCatalog(dir);
    expect(catalog.resolve('live')).toEqual({ entry: expect.objectContaining({ id: 'fast-new' }) });
    expect(catalog.resolve('live', 'fast-unfinished').entry.id).toBe('fast-unfinished');
    expect(catalog.resolve('upload').entry.id).toBe('accurate-ensemble');
    expect(catalog.resolve('fer2013').entry.id).toBe('accurate-ensemble');
    expect(catalog.resolve('ckplus48').entry.id).toBe('ck');
  });

  it('takes the best epoch of a run still in training while no finished model fits the role', async () => {
    const only = await mkdtemp(join(tmpdir(), 'face-catalog-training-'));
    try {
      await writeModel(only, 'fast-training', {
        architecture: 'fast',
        dataset: 'fer2013',
        metrics: { complete: false },
      });
      const catalog = await faceModelCatalog(only);
      expect(catalog.resolve('live')).toEqual({ entry: expect.objectContaining({ id: 'fast-training' }) });
      expect(catalog.resolve('upload').entry.id).toBe('human-emotion');
    } finally {
      await rm(only, { recursive: true, force: true });
    }
  });

  it('takes a requested model and refuses an unknown one, naming the known ids', async () => {
    const catalog = await faceModelCatalog(dir);
    expect(catalog.resolve('live', 'face-api-expression').entry.id).toBe('face-api-expression');
    expect(() => catalog.resolve('upload', 'nope')).toThrow(
      /unknown face model nope; known: human-emotion, face-api-expression/,
    );
  });

  it('falls back to human-emotion with a warning while no trained model exists', async () => {
    const catalog = await faceModelCatalog(join(dir, 'no-such-dir'));
    for (const role of ['live', 'upload', 'ckplus48', 'fer2013'] as const) {
      const { entry, warning } = catalog.resolve(role);
      expect(entry.id).toBe('human-emotion');
      expect(warning).toMatch(new RegExp(`no trained face model for ${role}`));
    }
  });
});
