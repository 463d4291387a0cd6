import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One MediaEval 2013 "Emotion in Music" clip with audio on this machine and its static annotation. */
export interface EmoMusicClip {
  songId: number;
  path: string;
  /** Mean rating on the 1-9 scale. */
  valence: number;
  arousal: number;
}

/**
 * Clips of `<dir>/mp345/<id>.mp3` with their mean static valence/arousal from
 * `<dir>/annotations/static_annotations.csv` (song_id, mean_arousal, std_arousal, mean_valence, std_valence).
 */
export async function readEmoMusicClips(dir: string): Promise<EmoMusicClip[]> {
  const csv = await readFile(join(dir, 'annotations', 'static_annotations.csv'), 'utf8');
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  const cols = header.split(',').map((c) => c.trim());
  const at = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`static_annotations.csv has no column ${name}`);
    return i;
  };
  const [id, v, a] = [at('song_id'), at('mean_valence'), at('mean_arousal')];
  const annotations = new Map(
    rows.map((row) => row.split(',')).map((c) => [Number(c[id]), { valence: Number(c[v]), arousal: Number(c[a]) }]),
  );
  const files = (await readdir(join(dir, 'mp345'))).filter((f) => /^\d+\.mp3$/.test(f));
  return files
    .map((file) => ({ songId: Number(file.replace('.mp3', '')), path: join(dir, 'mp345', file) }))
    .filter((clip) => annotations.has(clip.songId))
    .map((clip) => ({ ...clip, ...annotations.get(clip.songId)! }))
    .sort((x, y) => x.songId - y.songId);
}
