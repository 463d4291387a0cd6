import type { PixelBox } from '@attune/face-net';
import * as tf from '@tensorflow/tfjs-core';
import { chooseBackend } from '../backend';
import type { FaceDetector } from '../face/face-detector';
import { decodeImage } from '../image';

/** A frame (JPEG/PNG bytes) with the one face it holds. */
export interface FrameWithFace {
  bytes: Uint8Array;
  face: PixelBox;
  /** What kind of frame, for per-group recall (e.g. `ckplus48@96px`). */
  group: string;
}

export interface RecallReport {
  frames: number;
  /** Share of frames where a detection overlaps the face with IoU >= minIou. */
  recall: number;
  /** Mean IoU of the best-overlapping detection, over frames with a hit. */
  meanIou: number;
  /** Detections that overlap no face (every frame holds exactly one). */
  falsePositives: number;
  byGroup: Record<string, { frames: number; recall: number }>;
}

/** Intersection over union of two boxes. */
export function iou(a: PixelBox, b: PixelBox): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  const inter = Math.max(0, w) * Math.max(0, h);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/** How many of the faces a loaded detector finds, and how many boxes it invents. */
export async function detectorRecall(
  detector: FaceDetector,
  frames: FrameWithFace[],
  minIou = 0.5,
): Promise<RecallReport> {
  await chooseBackend();
  let hits = 0;
  let iouSum = 0;
  let falsePositives = 0;
  const groups = new Map<string, { frames: number; hits: number }>();
  for (const frame of frames) {
    const decoded = await decodeImage(frame.bytes);
    const image = tf.tensor3d(decoded.data, [decoded.height, decoded.width, 3], 'float32');
    let overlaps: number[];
    try {
      overlaps = (await detector.predict(image)).map((d) => iou(d.pixels, frame.face));
    } finally {
      image.dispose();
    }
    const best = Math.max(0, ...overlaps);
    const hit = best >= minIou;
    falsePositives += overlaps.filter((o) => o < minIou).length;
    const group = groups.get(frame.group) ?? { frames: 0, hits: 0 };
    group.frames++;
    if (hit) {
      hits++;
      iouSum += best;
      group.hits++;
    }
    groups.set(frame.group, group);
  }
  return {
    frames: frames.length,
    recall: frames.length > 0 ? hits / frames.length : 0,
    meanIou: hits > 0 ? iouSum / hits : 0,
    falsePositives,
    byGroup: Object.fromEntries(
      [...groups].map(([name, g]) => [name, { frames: g.frames, recall: g.hits / g.frames }]),
    ),
  };
}
