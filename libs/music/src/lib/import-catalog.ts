import type { AudioAnalysis } from './analysis/analyze-audio';
import { nearestEmotion } from './build-track';
import { type CatalogTrack, DESCRIPTOR_KEYS } from './catalog-track';

export interface CatalogImport {
  tracks: CatalogTrack[];
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: string[];
}

/**
 * Merges a fresh scan into the catalog held so far, by track id (stable per relative path), so
 * importing the same folder again changes nothing: `importCatalog(importCatalog(a, s).tracks, s)`
 * reports every track unchanged and returns equal tracks. Analysis results survive a re-import
 * when the file did not change (same size) and the scan has no annotation for that descriptor;
 * annotations always win over analysis.
 */
export function importCatalog(existing: readonly CatalogTrack[], scanned: readonly CatalogTrack[]): CatalogImport {
  const before = new Map(existing.map((t) => [t.id, t]));
  const result: CatalogImport = { tracks: [], added: [], updated: [], removed: [], unchanged: [] };
  for (const fresh of scanned) {
    const old = before.get(fresh.id);
    before.delete(fresh.id);
    if (!old) {
      result.added.push(fresh.id);
      result.tracks.push(fresh);
      continue;
    }
    const merged = old.sizeBytes === fresh.sizeBytes ? keepAnalysis(fresh, old) : fresh;
    (sameTrack(merged, old) ? result.unchanged : result.updated).push(fresh.id);
    result.tracks.push(merged);
  }
  result.removed = [...before.keys()].sort();
  result.tracks.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
  return result;
}

function keepAnalysis(fresh: CatalogTrack, old: CatalogTrack): CatalogTrack {
  const track: CatalogTrack = { ...fresh, provenance: { ...fresh.provenance } };
  for (const key of DESCRIPTOR_KEYS) {
    if (fresh.provenance[key] === undefined && old.provenance[key] === 'analysis') {
      (track as unknown as Record<string, unknown>)[key] = old[key];
      track.provenance[key] = 'analysis';
    }
  }
  if (fresh.provenance.emotion === 'default' && old.provenance.emotion === 'analysis') {
    track.emotion = old.emotion;
    track.provenance.emotion = 'analysis';
  }
  if (fresh.durationSec === null && old.durationSec !== null) track.durationSec = old.durationSec;
  return track;
}

function sameTrack(a: CatalogTrack, b: CatalogTrack): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The track with analysed descriptors filled in where no annotation states them (annotations
 * win), its duration, and, if nobody stated its emotion, the circumplex emotion nearest the
 * analysed valence/arousal. Returns a new track.
 */
export function applyAnalysis(track: CatalogTrack, analysis: AudioAnalysis): CatalogTrack {
  const out: CatalogTrack = { ...track, provenance: { ...track.provenance } };
  const set = (key: 'valence' | 'arousal' | 'tempo' | 'energy', value: number) => {
    if (out.provenance[key] === 'annotation') return;
    out[key] = round(value);
    out.provenance[key] = 'analysis';
  };
  set('valence', analysis.valence);
  set('arousal', analysis.arousal);
  set('tempo', analysis.tempo);
  set('energy', analysis.energy);
  out.durationSec = out.durationSec ?? round(analysis.features.durationSec);
  if (out.provenance.emotion === 'default' && out.valence !== null && out.arousal !== null) {
    out.emotion = nearestEmotion(out.valence, out.arousal);
    out.provenance.emotion = 'analysis';
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
