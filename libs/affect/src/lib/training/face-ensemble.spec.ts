import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { chooseBackend } from '../backend';
import { loadFer2013Folder } from '../datasets/fer2013';
import { FER2013_CODES } from '../datasets/label-maps';
import { TrainedFaceClassifier } from '../face/trained-face-classifier';
import { diskIOHandler } from '../model-loader';
import { buildFaceModel } from './architectures';
import { imageBatch } from './batches';
import { argmax } from './evaluate';
import { assembleFaceEnsemble, isEnsembleConfig, parseFaceEnsembleConfig } from './face-ensemble';

describe('assembleFaceEnsemble', () => {
  let root: string;
  beforeAll(async () => {
    await chooseBackend('wasm');
    root = await mkdtemp(join(tmpdir(), 'attune-ensemble-'));
    for (const [id, seed] of [
      ['m1', 1],
      ['m2', 2],
    ] as const) {
      const model = buildFaceModel('tiny', 7, 48, seed);
      await model.save(diskIOHandler(join(root, 'models', id, 'model.json')));
      model.dispose();
      const metadata = {
        id,
        architecture: 'tiny',
        labels: FER2013_CODES,
        inputSize: 48,
        channels: 1,
        preprocessing: '/255',
      };
      await writeFile(join(root, 'models', id, 'metadata.json'), JSON.stringify(metadata));
    }
    for (const [folder, value] of [
      ['happy', 240],
      ['sad', 40],
      ['fear', 120],
    ] as const) {
      await mkdir(join(root, 'data', 'fer', 'validation', folder), { recursive: true });
      const image = sharp(Buffer.alloc(48 * 48, value), { raw: { width: 48, height: 48, channels: 1 } });
      await writeFile(join(root, 'data', 'fer', 'validation', folder, 'a.png'), await image.png().toBuffer());
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('writes a loadable ensemble whose recorded accuracy is the measured one', async () => {
    const json = {
      id: 'both',
      architecture: 'accurate',
      dataset: 'fer2013',
      data: 'fer',
      members: ['m1', 'm2'],
      tta: true,
    };
    expect(isEnsembleConfig(json)).toBe(true);
    const options = { datasetsDir: join(root, 'data'), modelsDir: join(root, 'models'), log: () => undefined };
    const metadata = await assembleFaceEnsemble(parseFaceEnsembleConfig(json), options);
    expect(JSON.parse(readFileSync(join(root, 'models', 'both', 'metadata.json'), 'utf8'))).toEqual(metadata);
    expect(metadata).toMatchObject({
      architecture: 'accurate',
      members: ['m1', 'm2'],
      tta: true,
      labels: FER2013_CODES,
    });

    const ensemble = new TrainedFaceClassifier(join(root, 'models', 'both'));
    await ensemble.load();
    const data = await loadFer2013Folder(join(root, 'data', 'fer'), 'validation');
    const crops = imageBatch(data, [0, 1, 2]);
    const rows = await ensemble.classifyCrops(crops);
    crops.dispose();
    ensemble.dispose();
    const correct = rows.filter((row, i) => argmax(row) === data.targets[i]).length;
    expect(metadata.metrics).toEqual({ validationAccuracy: correct / 3, n: 3, complete: true });
  });

  it('refuses members still in training and missing members', async () => {
    const dir = join(root, 'models', 'training');
    await mkdir(dir, { recursive: true });
    const metadata = JSON.parse(readFileSync(join(root, 'models', 'm1', 'metadata.json'), 'utf8'));
    await writeFile(
      join(dir, 'metadata.json'),
      JSON.stringify({ ...metadata, id: 'training', metrics: { complete: false } }),
    );
    const options = { datasetsDir: join(root, 'data'), modelsDir: join(root, 'models'), log: () => undefined };
    const config = (members: string[]) =>
      parseFaceEnsembleConfig({ id: 'mixed', architecture: 'accurate', dataset: 'fer2013', data: 'fer', members });
    await expect(assembleFaceEnsemble(config(['m1', 'training']), options)).rejects.toThrow(
      'member training is still training: assemble the ensemble once it has finished',
    );
    await expect(assembleFaceEnsemble(config(['m1', 'absent']), options)).rejects.toThrow(
      'member absent: no trained model',
    );
  });

  it('refuses configs without members', () => {
    expect(() =>
      parseFaceEnsembleConfig({ id: 'x', architecture: 'accurate', dataset: 'fer2013', data: 'fer', members: [] }),
    ).toThrow(/members/);
  });
});
