import { canonical } from './canonical';

describe('canonical', () => {
  it('maps a CK+ model (contempt, no neutral) into the canonical space, as the server does', () => {
    const labels = ['angry', 'contempt', 'disgust', 'fear', 'happy', 'sad', 'surprise'];
    const d = canonical([0.1, 0.1, 0.1, 0, 0.6, 0.1, 0], labels);
    expect(d.disgust).toBeCloseTo(0.2);
    expect(d.happy).toBeCloseTo(0.6);
    expect(d.neutral).toBe(0);
    expect(Object.values(d).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
  });

  it('renormalises, clamps negatives, and is uniform when nothing is left', () => {
    const labels = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
    expect(canonical([2, 0, 0, 2, 0, 0, -1], labels)).toMatchObject({ angry: 0.5, happy: 0.5, neutral: 0 });
    expect(canonical([0, 0, 0, 0, 0, 0, 0], labels).sad).toBeCloseTo(1 / 7);
  });
});
