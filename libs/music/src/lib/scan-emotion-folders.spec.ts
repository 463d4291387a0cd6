import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { scanEmotionFolders } from './scan-emotion-folders';

const roots: string[] = [];

/** A throwaway music folder holding `files` (relative path -> content). */
async function layout(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'attune-music-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

describe('scanEmotionFolders', () => {
  it('maps folder synonyms to the canonical emotions and reads extensions in any case', async () => {
    const root = await layout({
      'joy/a.mp3': 'x',
      'Happiness/b.OGG': 'xx',
      'sadness/c.ogg': 'x',
      'anger/d.wav': 'x',
      'scared/e.flac': 'x',
      'surprised/f.m4a': 'x',
      'disgusted/g.mp3': 'x',
      'calm/h.Mp3': 'x',
    });
    const scan = await scanEmotionFolders(root);
    expect(scan.problems).toEqual([]);
    expect(scan.tracks.map((t) => [t.relativePath, t.emotion, t.format, t.mimeType])).toEqual([
      ['Happiness/b.OGG', 'happy', 'ogg', 'audio/ogg'],
      ['anger/d.wav', 'angry', 'wav', 'audio/wav'],
      ['calm/h.Mp3', 'neutral', 'mp3', 'audio/mpeg'],
      ['disgusted/g.mp3', 'disgust', 'mp3', 'audio/mpeg'],
      ['joy/a.mp3', 'happy', 'mp3', 'audio/mpeg'],
      ['sadness/c.ogg', 'sad', 'ogg', 'audio/ogg'],
      ['scared/e.flac', 'fear', 'flac', 'audio/flac'],
      ['surprised/f.m4a', 'surprise', 'm4a', 'audio/mp4'],
    ]);
    const b = scan.tracks[0];
    expect(isAbsolute(b.path)).toBe(true);
    expect(b.path).toBe(join(root, 'Happiness', 'b.OGG'));
    expect(b.sizeBytes).toBe(2);
  });

  it('reports unknown folders, unsupported files, subfolders and stray audio instead of throwing', async () => {
    const root = await layout({
      'romantic/love.mp3': 'x',
      'happy/ok.mp3': 'x',
      'happy/cover.jpg': 'x',
      'happy/NOTES': 'x',
      'happy/odd.constructor': 'x',
      'happy/live/song.mp3': 'x',
      'happy/.DS_Store': 'x',
      'stray.ogg': 'x',
      'README.md': 'x',
      COPYRIGHT: 'x',
    });
    const scan = await scanEmotionFolders(root);
    expect(scan.tracks.map((t) => t.relativePath)).toEqual(['happy/ok.mp3']);
    expect(scan.problems.map((p) => p.path)).toEqual([
      'happy/NOTES',
      'happy/cover.jpg',
      'happy/live',
      'happy/odd.constructor',
      'romantic',
      'stray.ogg',
    ]);
    expect(scan.problems.find((p) => p.path === 'romantic')?.reason).toMatch(/unknown emotion folder.*happiness/);
    expect(scan.problems.find((p) => p.path === 'happy/cover.jpg')?.reason).toMatch(/unsupported file type \.jpg/);
  });

  it('reports a folder it cannot read', async () => {
    const scan = await scanEmotionFolders(join(tmpdir(), 'attune-no-such-folder'));
    expect(scan.tracks).toEqual([]);
    expect(scan.problems).toEqual([{ path: '.', reason: expect.stringMatching(/cannot read the folder/) }]);
  });

  it('guesses the title from the file name when there is no catalog.json', async () => {
    const root = await layout({ 'sad/Slow__waltz-in_A minor.ogg': 'x' });
    const [track] = (await scanEmotionFolders(root)).tracks;
    expect(track).toMatchObject({
      title: 'Slow waltz in A minor',
      artist: 'Unknown',
      album: null,
      licence: null,
      attribution: null,
    });
  });

  it('takes metadata from catalog.json and reports entries without a file', async () => {
    const root = await layout({
      'happy/song.ogg': 'x',
      'sad/other_song.ogg': 'x',
      'catalog.json': JSON.stringify([
        {
          file: 'happy/song.ogg',
          title: 'Song',
          artist: 'A. Artist',
          album: 'LP',
          licence: 'CC BY 4.0',
          attribution: '"Song" by A. Artist',
          source: 'x.wav',
        },
        { file: 'happy/gone.ogg', title: 'Gone', artist: 'A. Artist' },
      ]),
    });
    const scan = await scanEmotionFolders(root);
    expect(scan.tracks[0]).toMatchObject({
      title: 'Song',
      artist: 'A. Artist',
      album: 'LP',
      licence: 'CC BY 4.0',
      attribution: '"Song" by A. Artist',
    });
    expect(scan.tracks[1]).toMatchObject({ title: 'other song', artist: 'Unknown', licence: null });
    expect(scan.problems).toEqual([
      { path: 'happy/gone.ogg', reason: 'listed in catalog.json but not a track of this folder' },
    ]);
  });

  it.each([
    ['not JSON', '{ "file": ', /not valid JSON/],
    ['not an array', JSON.stringify({ tracks: [] }), /malformed/],
    ['an entry without artist', JSON.stringify([{ file: 'happy/song.ogg', title: 'Song' }]), /malformed.*0\.artist/],
    [
      'a file listed twice',
      JSON.stringify([
        { file: 'happy/song.ogg', title: 'A', artist: 'B' },
        { file: 'happy/song.ogg', title: 'A', artist: 'B' },
      ]),
      /more than once/,
    ],
  ])('reports a catalog.json that is %s and ignores it', async (_, content, reason) => {
    const root = await layout({ 'happy/song.ogg': 'x', 'catalog.json': content });
    const scan = await scanEmotionFolders(root);
    expect(scan.problems).toEqual([{ path: 'catalog.json', reason: expect.stringMatching(reason) }]);
    expect(scan.tracks).toEqual([expect.objectContaining({ title: 'song', artist: 'Unknown' })]);
  });

  it('gives ids that depend on the relative path only', async () => {
    const files = { 'happy/a.mp3': 'x', 'sad/a.mp3': 'y' };
    const [first, second] = await Promise.all([layout(files), layout(files)]);
    const ids = (await scanEmotionFolders(first)).tracks.map((t) => t.id);
    expect((await scanEmotionFolders(second)).tracks.map((t) => t.id)).toEqual(ids);
    expect(ids[0]).not.toEqual(ids[1]);
    expect(ids[0]).toBe(createHash('sha1').update('happy/a.mp3').digest('hex').slice(0, 16));
    // Pinned so a change of the id scheme, which would orphan logged exposures, cannot go unnoticed.
    expect(ids[0]).toBe('c85e749dc3b3ffd9');
  });
});
