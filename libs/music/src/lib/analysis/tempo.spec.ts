import { estimateRhythm } from './tempo';

/** An onset envelope with a pulse every 60/bpm seconds at `fps` frames per second. */
function clicks(bpm: number, fps: number, seconds: number): Float64Array {
  const env = new Float64Array(Math.round(fps * seconds));
  for (let t = 0; t < seconds; t += 60 / bpm) env[Math.round(t * fps)] = 1;
  return env;
}

describe('estimateRhythm', () => {
  const fps = 11025 / 512;
  it.each([90, 100, 120, 143])('finds %i BPM in a click envelope', (bpm) => {
    const r = estimateRhythm(clicks(bpm, fps, 30), fps);
    expect(Math.abs(r.tempoBpm - bpm)).toBeLessThan(3);
    expect(r.onsetsPerSec).toBeCloseTo(bpm / 60, 0);
    expect(r.pulseClarity).toBeGreaterThan(0.5);
  });

  it('reports no tempo for silence', () => {
    expect(estimateRhythm(new Float64Array(500), fps)).toEqual({ tempoBpm: 0, pulseClarity: 0, onsetsPerSec: 0 });
  });
});
