import { EMOTIONS, type EmotionDistribution } from './emotions';
import { faceEstimateSchema, moodOverrideSchema, parsePayload } from './payloads';

const uniform = Object.fromEntries(EMOTIONS.map((e) => [e, 1 / EMOTIONS.length])) as EmotionDistribution;
const valid = {
  seq: 1,
  faces: 1,
  distribution: uniform,
  box: { x: 0, y: 0.1, width: 0.5, height: 0.5 },
  modelId: 'tiny+fast',
};

describe('participant app payloads', () => {
  it('face-estimate: a distribution and a box, never image data', () => {
    expect(parsePayload(faceEstimateSchema, valid).success).toBe(true);
    expect(parsePayload(faceEstimateSchema, { ...valid, faces: 0, distribution: null, box: null }).success).toBe(true);
    for (const bad of [
      { ...valid, data: new Uint8Array([1]) },
      { ...valid, distribution: { ...uniform, happy: 0.9 } },
      { ...valid, distribution: { ...uniform, extra: 0 } },
      { ...valid, box: { ...valid.box, width: 1.5 } },
      { ...valid, modelId: 'a b' },
    ]) {
      expect(parsePayload(faceEstimateSchema, bad).success).toBe(false);
    }
  });

  it('mood-override: one canonical emotion, or null to clear', () => {
    expect(parsePayload(moodOverrideSchema, { emotion: 'sad' }).success).toBe(true);
    expect(parsePayload(moodOverrideSchema, { emotion: null }).success).toBe(true);
    expect(parsePayload(moodOverrideSchema, { emotion: 'contempt' }).success).toBe(false);
    expect(parsePayload(moodOverrideSchema, {}).success).toBe(false);
  });
});
