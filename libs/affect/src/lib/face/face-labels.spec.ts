import { toFaceDistribution } from './face-labels';

describe('toFaceDistribution', () => {
  it('reorders into the canonical emotions', () => {
    const d = toFaceDistribution([0.5, 0.25, 0.25], ['happy', 'sad', 'neutral']);
    expect(d).toEqual({ angry: 0, disgust: 0, fear: 0, happy: 0.5, sad: 0.25, surprise: 0, neutral: 0.25 });
  });

  it('folds contempt into disgust and renormalises', () => {
    const d = toFaceDistribution([0.2, 0.2, 0.4], ['contempt', 'disgust', 'happy']);
    expect(d.disgust).toBeCloseTo(0.5, 10);
    expect(d.happy).toBeCloseTo(0.5, 10);
  });

  it('spreads evenly when a model gives no mass at all', () => {
    const d = toFaceDistribution([0, 0], ['happy', 'sad']);
    expect(d.neutral).toBeCloseTo(1 / 7, 10);
  });
});
