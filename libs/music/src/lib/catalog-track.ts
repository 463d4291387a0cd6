import type { Emotion } from '@attune/protocol';
import type { AudioFormat } from './audio-formats';

/** One playable file of a catalog, with everything the server needs to list, stream and credit it. */
export interface CatalogTrack {
  /** Stable across runs and machines: derived from `relativePath` only (see track-id.ts). */
  id: string;
  title: string;
  artist: string;
  album: string | null;
  /** The emotion folder the file was filed under. */
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
