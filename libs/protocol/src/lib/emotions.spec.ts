import { EMOTIONS, EmotionDistribution, topEmotion, valenceArousalOf } from './emotions';

const onehot = (e: (typeof EMOTIONS)[number]): EmotionDistribution =>
  Object.fromEntries(EMOTIONS.map((x) => [x, x === e ? 1 : 0])) as EmotionDistribution;

describe('emotion space', () => {
  it('puts happy at positive valence and sad at negative valence and arousal', () => {
    expect(valenceArousalOf(onehot('happy')).valence).toBeGreaterThan(0.5);
    const sad = valenceArousalOf(onehot('sad'));
    expect(sad.valence).toBeLessThan(-0.5);
    expect(sad.arousal).toBeLessThan(0);
  });

  it('averages the circumplex points by probability', () => {
    const d = { ...onehot('neutral'), neutral: 0.5, happy: 0.5 };
    expect(valenceArousalOf(d).valence).toBeCloseTo(0.4, 5);
  });

  it('finds the most probable label', () => {
    expect(topEmotion({ ...onehot('fear'), fear: 0.6, sad: 0.4 })).toEqual({ label: 'fear', confidence: 0.6 });
  });
});
