import { extname, join } from 'node:path';
import { CIRCUMPLEX, EMOTIONS, type Emotion } from '@attune/protocol';
import type { AudioFormat } from './audio-formats';
import { type CatalogEntry, describedValue } from './catalog-json';
import type { CatalogTrack, DescriptorKey, Provenance } from './catalog-track';
import { trackIdOf } from './track-id';

/**
 * A catalog track from a file and what is known about it: the folder's emotion (if it was filed
 * under one), else the metadata's, else the circumplex emotion nearest its annotated valence and
 * arousal, else neutral marked `default` (analysis may replace it, see applyAnalysis).
 */
export function buildTrack(
  root: string,
  relativePath: string,
  type: { format: AudioFormat; mimeType: string },
  sizeBytes: number,
  folderEmotion: Emotion | null,
  meta: CatalogEntry | undefined,
): CatalogTrack {
  const provenance: CatalogTrack['provenance'] = { emotion: 'default' };
  const descriptor = <K extends DescriptorKey, T>(key: K, value: T | { value: T; source: Provenance } | null | undefined) => {
    const d = describedValue<T>(value);
    if (d) provenance[key] = d.source;
    return d?.value ?? null;
  };
  const valence = descriptor('valence', meta?.valence);
  const arousal = descriptor('arousal', meta?.arousal);
  const tempo = descriptor('tempo', meta?.tempo);
  const energy = descriptor('energy', meta?.energy);
  const moodTags = descriptor<'moodTags', string[]>('moodTags', meta?.moodTags) ?? [];
  let emotion: Emotion = 'neutral';
  if (folderEmotion) {
    emotion = folderEmotion;
    provenance.emotion = 'folder';
  } else if (meta?.emotion) {
    emotion = meta.emotion;
    provenance.emotion = 'annotation';
  } else if (valence !== null && arousal !== null) {
    emotion = nearestEmotion(valence, arousal);
    provenance.emotion = provenance.valence ?? 'annotation';
  }
  const name = relativePath.split('/').pop() ?? relativePath;
  return {
    id: trackIdOf(relativePath),
    title: meta?.title ?? titleFromFileName(name),
    artist: meta?.artist ?? 'Unknown',
    album: meta?.album ?? null,
    emotion,
    path: join(root, ...relativePath.split('/')),
    relativePath,
    format: type.format,
    mimeType: type.mimeType,
    sizeBytes,
    licence: meta?.licence ?? null,
    attribution: meta?.attribution ?? null,
    source: meta?.uri ?? relativePath,
    genres: meta?.genres ?? [],
    language: meta?.language ?? null,
    durationSec: meta?.durationSec ?? null,
    valence,
    arousal,
    tempo,
    energy,
    moodTags,
    provenance,
  };
}

/** The canonical emotion nearest a valence/arousal point on the circumplex (ties: canonical order). */
export function nearestEmotion(valence: number, arousal: number): Emotion {
  let best: Emotion = 'neutral';
  let bestDistance = Infinity;
  for (const e of EMOTIONS) {
    const d = Math.hypot(CIRCUMPLEX[e].valence - valence, CIRCUMPLEX[e].arousal - arousal);
    if (d < bestDistance - 1e-12) {
      bestDistance = d;
      best = e;
    }
  }
  return best;
}

/** `Through_Space.ogg` -> `Through Space`: the best guess when no metadata names the track. */
export function titleFromFileName(fileName: string): string {
  const stem = fileName.slice(0, fileName.length - extname(fileName).length);
  return stem.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim() || fileName;
}
