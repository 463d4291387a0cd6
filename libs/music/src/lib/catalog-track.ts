import type { Emotion } from '@attune/protocol';
import type { AudioFormat } from './audio-formats';

/**
 * Where a descriptor came from: a human annotation (catalog.json, a CSV/JSON metadata file),
 * the audio analysis of this library, or the name of the folder the file was filed under.
 * `default` marks an emotion nobody stated (a file outside any emotion folder, not analysed yet).
 */
export type Provenance = 'annotation' | 'analysis' | 'folder';

export const DESCRIPTOR_KEYS = ['valence', 'arousal', 'tempo', 'energy', 'moodTags'] as const;
export type DescriptorKey = (typeof DESCRIPTOR_KEYS)[number];

/** One playable file of a catalog, with everything the server needs to list, stream, credit and recommend it. */
export interface CatalogTrack {
  /** Stable across runs and machines: derived from `relativePath` only (see track-id.ts). */
  id: string;
  title: string;
  artist: string;
  album: string | null;
  /** The emotion the track is filed under; `provenance.emotion` says who decided. */
  emotion: Emotion;
  /** Absolute path on this machine. */
  path: string;
  /** POSIX path relative to the scanned folder, e.g. `happy/through-space.ogg`. */
  relativePath: string;
  format: AudioFormat;
  mimeType: string;
  sizeBytes: number;
  licence: string | null;
  attribution: string | null;
  /** Where the music comes from: a provider URI when the metadata names one, else `relativePath`. */
  source: string;
  genres: string[];
  /** ISO 639-1 code of the lyrics, 'zxx' for instrumental music, null when unknown. */
  language: string | null;
  durationSec: number | null;
  /** In [-1, 1]. */
  valence: number | null;
  /** In [-1, 1]. */
  arousal: number | null;
  /** Beats per minute. */
  tempo: number | null;
  /** In [0, 1]. */
  energy: number | null;
  moodTags: string[];
  /** Who stated each emotion descriptor that is set. */
  provenance: Partial<Record<DescriptorKey, Provenance>> & { emotion: Provenance | 'default' };
}

/** Something in the folder that was skipped; `path` is relative to the scanned folder. */
export interface CatalogProblem {
  path: string;
  reason: string;
}

export interface CatalogScan {
  tracks: CatalogTrack[];
  problems: CatalogProblem[];
}
