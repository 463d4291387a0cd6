import { estimateKeyMode } from './key-mode';

const chroma = (notes: Record<number, number>) => Array.from({ length: 12 }, (_, i) => notes[i] ?? 0.05);

describe('estimateKeyMode', () => {
  it('hears a C major scale with a strong tonic triad as C major', () => {
    const k = estimateKeyMode(chroma({ 0: 1, 2: 0.4, 4: 0.8, 5: 0.4, 7: 0.9, 9: 0.4, 11: 0.3 }));
    expect(k.key).toBe('C major');
    expect(k.modeMargin).toBeGreaterThan(0);
  });

  it('hears an A minor triad-weighted scale as A minor', () => {
    const k = estimateKeyMode(chroma({ 9: 1, 11: 0.3, 0: 0.8, 2: 0.4, 4: 0.9, 5: 0.35, 7: 0.4 }));
    expect(k).toMatchObject({ key: 'A minor', mode: 'minor' });
    expect(k.modeMargin).toBeLessThan(0);
  });

  it('gives a flat chroma no mode preference', () => {
    expect(estimateKeyMode(new Array(12).fill(1)).modeMargin).toBe(0);
  });
});
