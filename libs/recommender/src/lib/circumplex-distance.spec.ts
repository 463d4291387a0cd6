import { EMOTIONS } from '@attune/protocol';
import { emotionsByDistance } from './circumplex-distance';

describe('emotionsByDistance', () => {
  it('starts with the emotion itself and its circumplex neighbours', () => {
    expect(emotionsByDistance('fear').slice(0, 3)).toEqual(['fear', 'angry', 'disgust']);
    expect(emotionsByDistance('happy').slice(0, 3)).toEqual(['happy', 'surprise', 'neutral']);
    expect(emotionsByDistance('sad').slice(0, 3)).toEqual(['sad', 'disgust', 'neutral']);
  });

  it('breaks the surprise->fear / surprise->neutral tie by canonical order', () => {
    expect(emotionsByDistance('surprise')).toEqual(['surprise', 'happy', 'angry', 'fear', 'neutral', 'disgust', 'sad']);
  });

  it.each(EMOTIONS)('orders all seven emotions from %s', (emotion) => {
    expect([...emotionsByDistance(emotion)].sort()).toEqual([...EMOTIONS].sort());
  });
});
