import { EMOTIONS, valenceArousalOf } from '@attune/protocol';
import { EMODB_CLASSES, EMODB_CODES, EMODB_TO_CANONICAL, emoDbToCanonical, parseEmoDbName } from './emodb-labels';

describe('EmoDB labels', () => {
  it('reads speaker (characters 1-2), text and class (6th character) from file names', () => {
    expect(parseEmoDbName('03a01Fa.wav')).toEqual({ speaker: '03', text: 'a01', label: 'happiness' });
    expect(parseEmoDbName('/data/emodb/wav/16b10Lb.wav')).toEqual({ speaker: '16', text: 'b10', label: 'boredom' });
    const codes = Object.fromEntries(
      Object.entries(EMODB_CODES).map(([c, l]) => [l, parseEmoDbName(`11a02${c}c.wav`)?.label]),
    );
    expect(codes).toEqual({
      anger: 'anger',
      boredom: 'boredom',
      disgust: 'disgust',
      fear: 'fear',
      happiness: 'happiness',
      sadness: 'sadness',
      neutral: 'neutral',
    });
  });

  it('rejects names that are not EmoDB names', () => {
    expect(parseEmoDbName('03a01Xa.wav')).toBeNull();
    expect(parseEmoDbName('notes.wav')).toBeNull();
    expect(parseEmoDbName('03a01Fa.mp3')).toBeNull();
  });

  it('maps every class into the canonical space with shares summing to 1', () => {
    for (const cls of EMODB_CLASSES) {
      const shares = Object.values(EMODB_TO_CANONICAL[cls]) as number[];
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
      for (const e of Object.keys(EMODB_TO_CANONICAL[cls])) expect(EMOTIONS).toContain(e);
    }
  });

  it('puts boredom below neutral in valence and arousal, short of sadness', () => {
    const oneHot = (cls: string) => EMODB_CLASSES.map((c) => (c === cls ? 1 : 0));
    const bored = valenceArousalOf(emoDbToCanonical(oneHot('boredom')));
    expect(bored.valence).toBeCloseTo(-0.28, 5);
    expect(bored.arousal).toBeCloseTo(-0.16, 5);
    expect(emoDbToCanonical(oneHot('anger')).angry).toBe(1);
    const mixed = emoDbToCanonical([0.2, 0.2, 0.1, 0.1, 0.2, 0.1, 0.1]);
    expect(Object.values(mixed).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(mixed.surprise).toBe(0);
  });
});
