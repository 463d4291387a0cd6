import type { FaceDetection } from '@attune/face-net';
import sharp from 'sharp';
import type { FaceDetector } from '../face/face-detector';
import { detectorRecall, iou } from './detector-recall';

describe('iou', () => {
  it('is 1 for the same box, 0 for disjoint boxes, and the overlap share otherwise', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 };
    expect(iou(a, a)).toBe(1);
    expect(iou(a, { x: 20, y: 0, width: 10, height: 10 })).toBe(0);
    // 5x10 overlap: 50 / (100 + 100 - 50).
    expect(iou(a, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(1 / 3, 10);
  });
});

describe('detectorRecall', () => {
  it('counts hits at IoU >= 0.5, invented boxes, and recall per group', async () => {
    const frame = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const face = { x: 10, y: 10, width: 20, height: 20 };
    // One answer per call: a hit plus an invented box, then a near miss (IoU 1/3).
    const answers: FaceDetection[][] = [
      [
        { box: { x: 0, y: 0, width: 0, height: 0 }, pixels: { x: 12, y: 10, width: 20, height: 20 }, score: 0.9 },
        { box: { x: 0, y: 0, width: 0, height: 0 }, pixels: { x: 0, y: 0, width: 5, height: 5 }, score: 0.6 },
      ],
      [{ box: { x: 0, y: 0, width: 0, height: 0 }, pixels: { x: 20, y: 10, width: 20, height: 20 }, score: 0.9 }],
    ];
    const detector = {
      id: 'fake',
      cropScale: 1,
      predict: async () => answers.shift() ?? [],
    } as unknown as FaceDetector;
    const report = await detectorRecall(detector, [
      { bytes: frame, face, group: 'a' },
      { bytes: frame, face, group: 'b' },
    ]);
    expect(report).toMatchObject({
      frames: 2,
      recall: 0.5,
      falsePositives: 2,
      byGroup: { a: { recall: 1 }, b: { recall: 0 } },
    });
    expect(report.meanIou).toBeCloseTo(360 / 440, 10);
  });
});
