import { InvalidImageError } from '@attune/affect';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { datasetsDir, emptyFrame, happyFrame } from '../../testing/face-fixtures';
import { FaceWorkerPool } from './face-worker-pool';

const data = datasetsDir();
const describeWithData = data ? describe : describe.skip;
if (!data) console.warn('face-worker-pool.spec: ../shared/datasets absent (set DATASETS_DIR); skipped');

describeWithData('FaceWorkerPool (real worker threads, real models)', () => {
  let pool: FaceWorkerPool;
  const problems: string[] = [];

  beforeAll(async () => {
    pool = await FaceWorkerPool.start(2, { modelsDir: 'models', faceModelLive: undefined, faceModelUpload: undefined }, (p) =>
      problems.push(p),
    );
  }, 120_000);
  afterAll(() => pool?.close());

  it('loads the live models in every worker', () => {
    expect(pool.size).toBe(2);
    expect(pool.status().length).toBeGreaterThanOrEqual(2);
    expect(pool.status().every((s) => s.loaded)).toBe(true);
  });

  it('finds and classifies the face of a full frame', async () => {
    const analysis = await pool.analyzeFrame(await happyFrame(data as string));
    expect(analysis.error).toBeUndefined();
    expect(analysis.faces).toHaveLength(1);
    expect(analysis.faces[0].estimate.label).toBe('happy');
    expect((await pool.analyzeFrame(await emptyFrame())).faces).toHaveLength(0);
  });

  it('classifies a batch of face crops (encoded or raw grey), each on its own, a bad crop failing alone', async () => {
    const happy = readFileSync(join(data as string, 'ckplus48/happy/S010_006_00000015.png'));
    const surprise = readFileSync(join(data as string, 'ckplus48/surprise/S010_002_00000014.png'));
    const jpeg = async (png: Buffer) => ({ kind: 'encoded' as const, bytes: await sharp(png).jpeg().toBuffer() });
    const grey = async (png: Buffer) => ({
      kind: 'grey' as const,
      side: 96,
      bytes: new Uint8Array(await sharp(png).greyscale().resize(96, 96).extractChannel(0).raw().toBuffer()),
    });
    const crops = await pool.analyzeCrops([
      await jpeg(happy),
      { kind: 'encoded', bytes: Buffer.from('not an image') },
      await grey(surprise),
      { kind: 'grey', side: 96, bytes: new Uint8Array(100) },
      await grey(happy),
    ]);
    expect(crops).toHaveLength(5);
    expect('estimate' in crops[0] && crops[0].estimate.label).toBe('happy');
    expect(crops[1]).toMatchObject({ invalidImage: true });
    expect('estimate' in crops[2] && crops[2].estimate.label).toBe('surprise');
    expect(crops[3]).toMatchObject({ invalidImage: true });
    expect('estimate' in crops[4] && crops[4].estimate.label).toBe('happy');
  });

  it('rejects an undecodable frame with InvalidImageError and keeps working', async () => {
    await expect(pool.analyzeFrame(Buffer.from([0xff, 0xd8, 0xff, 0, 1, 2]))).rejects.toBeInstanceOf(InvalidImageError);
    expect((await pool.analyzeFrame(await happyFrame(data as string))).faces).toHaveLength(1);
  });

  it('spreads concurrent work over both workers and answers every task', async () => {
    const frame = await happyFrame(data as string);
    const answers = await Promise.all(Array.from({ length: 12 }, () => pool.analyzeFrame(frame)));
    expect(answers.every((a) => a.faces.length === 1)).toBe(true);
    expect(pool.tasksInFlight).toBe(0);
    expect(problems).toEqual([]);
  });
});
