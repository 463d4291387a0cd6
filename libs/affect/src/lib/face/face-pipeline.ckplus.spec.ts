import type { FaceBox } from '@attune/protocol';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetsDir } from '../../testing/fixtures';
import { composeFrame } from '../compose-frame';
import { BlazeFaceDetector } from './blazeface-detector';
import type { FaceDetector } from './face-detector';
import { FacePipeline, type FaceAnalysis } from './face-pipeline';
import { TinyFaceDetector } from './tiny-face-detector';

// Real faces: CK+48 crops (48x48 grey, `ckplus48/<class>/S###_###_########.png`) scaled up and
// pasted into a 640x480 grey frame, the way a fake camera shows them in the browser tests.
const CKPLUS = join(datasetsDir(), 'ckplus48');
const FRAME = { width: 640, height: 480, faceSize: 220 };
const PASTED: FaceBox = {
  x: (FRAME.width - FRAME.faceSize) / 2 / FRAME.width,
  y: (FRAME.height - FRAME.faceSize) / 2 / FRAME.height,
  width: FRAME.faceSize / FRAME.width,
  height: FRAME.faceSize / FRAME.height,
};

interface Sequence {
  subject: string;
  cls: string;
  /** The last frame, where the posed expression peaks. */
  peak: string;
}

/** Sequences of one class in file-name order, each with its peak frame. */
function sequences(cls: string): Sequence[] {
  const peaks = new Map<string, string>();
  for (const file of readdirSync(join(CKPLUS, cls)).sort()) peaks.set(file.slice(0, 8), join(CKPLUS, cls, file));
  return [...peaks].map(([id, peak]) => ({
    subject: id.slice(0, 4),
    cls,
    peak,
  }));
}

/** Up to `count` sequences from distinct subjects, taking the classes in turn. */
function acrossSubjects(classes: string[], count: number): Sequence[] {
  const queues = classes.map(sequences);
  const chosen: Sequence[] = [];
  const used = new Set<string>();
  while (chosen.length < count && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      let next = queue.shift();
      while (next && used.has(next.subject)) next = queue.shift();
      if (next && chosen.length < count) {
        chosen.push(next);
        used.add(next.subject);
      }
    }
  }
  return chosen;
}

/** How the detected box sits on the pasted face: share of the box inside it, relative area, centre offset. */
function placement(box: FaceBox, pasted: FaceBox): { inside: number; area: number; offset: number } {
  const w = Math.min(box.x + box.width, pasted.x + pasted.width) - Math.max(box.x, pasted.x);
  const h = Math.min(box.y + box.height, pasted.y + pasted.height) - Math.max(box.y, pasted.y);
  const boxArea = box.width * box.height;
  const dx = (box.x + box.width / 2 - (pasted.x + pasted.width / 2)) / pasted.width;
  const dy = (box.y + box.height / 2 - (pasted.y + pasted.height / 2)) / pasted.height;
  return {
    inside: (Math.max(0, w) * Math.max(0, h)) / boxArea,
    area: boxArea / (pasted.width * pasted.height),
    offset: Math.hypot(dx, dy),
  };
}

const available = existsSync(CKPLUS);
if (!available) {
  console.warn(`CK+48 not found at ${CKPLUS}: real-image face tests skipped (set DATASETS_DIR to the datasets folder)`);
}

interface Bounds {
  minInside: number;
  minArea: number;
  maxArea: number;
}

// BlazeFace boxes run from the brows to the chin, a little below the centre of a CK+ crop; the
// tiny detector's run wider, taking in hair and chin beyond the tight crop.
const DETECTORS: Array<[string, () => FaceDetector, Bounds]> = [
  ['tiny-face-detector-224', () => new TinyFaceDetector(), { minInside: 0.55, minArea: 0.6, maxArea: 1.7 }],
  ['blazeface', () => new BlazeFaceDetector(), { minInside: 0.75, minArea: 0.3, maxArea: 1.2 }],
];

(available ? describe.each(DETECTORS) : describe.skip.each(DETECTORS))(
  'FacePipeline (%s) on CK+48 faces in camera-like frames',
  (_, detector, bounds) => {
    const pipeline = new FacePipeline({ detector: detector() });

    async function analyse(sequence: Sequence): Promise<FaceAnalysis> {
      return pipeline.analyzeImage(await composeFrame(await readFile(sequence.peak), FRAME));
    }

    beforeAll(async () => {
      await pipeline.load();
      await pipeline.warmup();
    });

    afterAll(() => pipeline.dispose());

    it('detects the face in >= 90% of frames across subjects and expressions, on the pasted face', async () => {
      const classes = readdirSync(CKPLUS).sort();
      const sample = acrossSubjects(classes, 20);
      expect(sample).toHaveLength(20);

      const placements: Array<ReturnType<typeof placement>> = [];
      for (const sequence of sample) {
        const analysis = await analyse(sequence);
        expect(analysis.error).toBeUndefined();
        if (analysis.faces.length > 0) placements.push(placement(analysis.faces[0].box, PASTED));
      }

      const extreme = (key: 'inside' | 'area' | 'offset', pick: (...xs: number[]) => number): string =>
        pick(...placements.map((p) => p[key])).toFixed(2);
      console.log(
        `${pipeline.detector.id} CK+48 detection: ${placements.length}/${sample.length} frames (${((100 * placements.length) / sample.length).toFixed(0)}%); ` +
          `box vs pasted face: inside >= ${extreme('inside', Math.min)}, area ${extreme('area', Math.min)}..${extreme('area', Math.max)}, ` +
          `centre offset <= ${extreme('offset', Math.max)} of the face size`,
      );
      expect(placements.length).toBeGreaterThanOrEqual(0.9 * sample.length);
      for (const { inside, area, offset } of placements) {
        expect(inside).toBeGreaterThan(bounds.minInside);
        expect(area).toBeGreaterThan(bounds.minArea);
        expect(area).toBeLessThan(bounds.maxArea);
        expect(offset).toBeLessThan(0.3);
      }
    });

    it('labels a clear majority (>= 70%) of happy faces from distinct subjects happy', async () => {
      const sample = acrossSubjects(['happy'], 15);
      expect(sample).toHaveLength(15);

      const labels: string[] = [];
      for (const sequence of sample) {
        const analysis = await analyse(sequence);
        labels.push(analysis.faces[0]?.estimate.label ?? 'no face');
      }

      const happy = labels.filter((label) => label === 'happy').length;
      const others = labels.filter((label) => label !== 'happy');
      console.log(
        `${pipeline.detector.id} CK+48 happy: ${happy}/${sample.length} labelled happy (${((100 * happy) / sample.length).toFixed(0)}%)` +
          (others.length ? `; the others: ${others.join(', ')}` : ''),
      );
      expect(happy).toBeGreaterThanOrEqual(0.7 * sample.length);
    });
  },
);
