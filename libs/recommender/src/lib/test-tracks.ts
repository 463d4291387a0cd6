import type { Emotion } from '@attune/protocol';
import type { RecommendableTrack } from './recommendation-strategy';

/** A track for specs: id, position on the plane, and whatever else the spec sets. */
export function vaTrack(
  id: string,
  valence: number,
  arousal: number,
  extra: Partial<RecommendableTrack> = {},
): RecommendableTrack {
  return { id, title: id, artist: `Artist ${id}`, emotion: 'neutral' as Emotion, valence, arousal, ...extra };
}

/** A 9 x 9 grid over [-1, 1]^2: a catalog dense enough to walk anywhere on the plane. */
export function gridCatalog(extra: (i: number) => Partial<RecommendableTrack> = () => ({})): RecommendableTrack[] {
  const tracks: RecommendableTrack[] = [];
  for (let i = 0; i < 9; i++)
    for (let j = 0; j < 9; j++) tracks.push(vaTrack(`g${i}${j}`, -1 + i / 4, -1 + j / 4, extra(i * 9 + j)));
  return tracks;
}
