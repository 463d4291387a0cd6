import { CIRCUMPLEX, EMOTIONS, type Emotion } from '@attune/protocol';
import type { RecommendableTrack } from '../recommendation-strategy';

/**
 * Where each synthetic genre sits on the valence/arousal plane, roughly after the genre/emotion
 * associations reported for Western listeners (e.g. Rentfrow & Gosling 2003's "upbeat and
 * conventional" vs "reflective and complex" dimensions): illustrative, not measured.
 */
export const SYNTHETIC_GENRES: Readonly<Record<string, { valence: number; arousal: number }>> = {
  pop: { valence: 0.6, arousal: 0.4 },
  dance: { valence: 0.6, arousal: 0.7 },
  rock: { valence: -0.1, arousal: 0.7 },
  metal: { valence: -0.5, arousal: 0.9 },
  jazz: { valence: 0.3, arousal: -0.1 },
  'lo-fi': { valence: 0.2, arousal: -0.5 },
  ambient: { valence: 0.1, arousal: -0.7 },
  classical: { valence: 0.1, arousal: -0.3 },
  acoustic: { valence: 0.2, arousal: -0.4 },
  ballad: { valence: -0.4, arousal: -0.4 },
};

export const SYNTHETIC_GENRE_NAMES = Object.keys(SYNTHETIC_GENRES);

/**
 * A seeded catalog of `n` tracks with genre, artist (about 6 tracks each, one main genre),
 * language, valence/arousal near the genre's point (sd 0.25), energy and tempo that follow
 * arousal, and the emotion folder nearest on the circumplex. Same seed, same catalog.
 */
export function syntheticCatalog(n: number, rng: () => number): RecommendableTrack[] {
  const normal = gaussian(rng);
  const artists = Math.max(1, Math.round(n / 6));
  const artistGenre = Array.from({ length: artists }, () => SYNTHETIC_GENRE_NAMES[Math.floor(rng() * SYNTHETIC_GENRE_NAMES.length)]);
  return Array.from({ length: n }, (_, i) => {
    const artist = Math.floor(rng() * artists);
    // Most tracks are in the artist's genre; a fifth wander off.
    const genre = rng() < 0.8 ? artistGenre[artist] : SYNTHETIC_GENRE_NAMES[Math.floor(rng() * SYNTHETIC_GENRE_NAMES.length)];
    const centre = SYNTHETIC_GENRES[genre];
    const valence = clamp(centre.valence + 0.25 * normal());
    const arousal = clamp(centre.arousal + 0.25 * normal());
    return {
      id: `t${String(i).padStart(5, '0')}`,
      title: `Track ${i}`,
      artist: `Artist ${artist}`,
      genres: [genre],
      language: rng() < 0.6 ? 'en' : 'zxx',
      valence,
      arousal,
      energy: Math.min(1, Math.max(0, (arousal + 1) / 2 + 0.1 * normal())),
      tempo: Math.round(110 + 35 * arousal + 12 * normal()),
      emotion: nearestEmotion(valence, arousal),
    };
  });
}

export function nearestEmotion(valence: number, arousal: number): Emotion {
  let best: Emotion = 'neutral';
  let bestDistance = Infinity;
  for (const e of EMOTIONS) {
    const d = Math.hypot(CIRCUMPLEX[e].valence - valence, CIRCUMPLEX[e].arousal - arousal);
    if (d < bestDistance) {
      bestDistance = d;
      best = e;
    }
  }
  return best;
}

export function clamp(x: number, lo = -1, hi = 1): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Standard normal draws (Box-Muller) from a uniform rng. */
export function gaussian(rng: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(Math.max(rng(), 1e-12))) * Math.cos(2 * Math.PI * rng());
}
