import { EMOTIONS } from '@attune/protocol';
import { DEMO_MUSIC_DIR } from './demo-music-dir';
import { scanEmotionFolders } from './scan-emotion-folders';

/** The catalog that ships in demo/music: it must be complete, credited and small enough for git. */
describe('demo catalog', () => {
  const scan = scanEmotionFolders(DEMO_MUSIC_DIR ?? 'demo/music is missing');

  it('scans without problems', async () => {
    expect((await scan).problems).toEqual([]);
  });

  it.each(EMOTIONS)('has at least one track for %s', async (emotion) => {
    expect((await scan).tracks.filter((t) => t.emotion === emotion).length).toBeGreaterThanOrEqual(1);
  });

  it('credits every track as its licence requires', async () => {
    for (const track of (await scan).tracks) {
      expect(track).toMatchObject({ artist: 'Max McCracken', album: 'Singularity', licence: 'CC BY-SA 3.0' });
      expect(track.attribution).toBe(`"${track.title}" by Max McCracken, CC BY-SA 3.0, excerpt`);
    }
  });

  it('stays under 6 MB in total', async () => {
    const bytes = (await scan).tracks.reduce((sum, t) => sum + t.sizeBytes, 0);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(6 * 1024 * 1024);
  });

  it('carries analysed valence, arousal, tempo and energy for every track', async () => {
    for (const track of (await scan).tracks) {
      expect(track.provenance).toMatchObject({ emotion: 'folder', valence: 'analysis', arousal: 'analysis', tempo: 'analysis', energy: 'analysis' });
      for (const v of [track.valence, track.arousal]) expect(Math.abs(v as number)).toBeLessThanOrEqual(1);
      expect(track.tempo).toBeGreaterThanOrEqual(60);
      expect(track.energy).toBeGreaterThan(0);
    }
  });

  it('gives every track its own id', async () => {
    const { tracks } = await scan;
    expect(new Set(tracks.map((t) => t.id)).size).toBe(tracks.length);
  });
});
