import { EMOTIONS, type Emotion } from '@attune/protocol';
import { estimateFrom, toCanonicalDistribution } from './estimate';

describe('toCanonicalDistribution', () => {
  it('reorders by label name and renormalises', () => {
    const labels: Emotion[] = ['neutral', 'happy', 'sad', 'angry', 'fear', 'disgust', 'surprise'];
    const d = toCanonicalDistribution([4, 2, 1, 1, 0, 0, 0], labels);
    expect(d).toEqual({
      angry: 0.125,
      disgust: 0,
      fear: 0,
      happy: 0.25,
      sad: 0.125,
      surprise: 0,
      neutral: 0.5,
    });
  });

  it('refuses labels that miss a canonical emotion', () => {
    expect(() => toCanonicalDistribution([1, 1], ['happy', 'sad'])).toThrow(/lack the canonical emotion/);
  });
});

describe('estimateFrom', () => {
  it('fills label, confidence, valence and arousal from the distribution', () => {
    const distribution = toCanonicalDistribution([0, 0, 0, 1, 0, 0, 0], EMOTIONS);
    const estimate = estimateFrom(distribution, 'face', 'm');
    expect(estimate).toMatchObject({
      modality: 'face',
      label: 'happy',
      confidence: 1,
      valence: 0.8,
      arousal: 0.5,
      modelId: 'm',
    });
    expect(Math.abs(estimate.timestamp - Date.now())).toBeLessThan(1000);
  });
});
