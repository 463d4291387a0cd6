import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AudioAnalysis } from './analysis/analyze-audio';
import { applyAnalysis, importCatalog } from './import-catalog';
import { parseCsv, readMetadataFile } from './metadata-file';
import { scanMusicDir } from './scan-music-dir';

const roots: string[] = [];
async function layout(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'attune-musicdir-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

const CSV = [
  'file,title,artist,genres,language,valence,arousal,tempo,moodTags,emotion',
  'Artist/Album/01 - Song.mp3,Song,"Band, The",rock;indie,en,0.5,0.6,128,"upbeat|driving",',
  '"Artist/Album/02 - Other.mp3","Other ""Live""",Band,jazz,zxx,,,,,sad',
].join('\n');

const analysis = (valence: number, arousal: number): AudioAnalysis => ({
  version: 'test',
  sha256: 'x',
  features: { durationSec: 30 } as AudioAnalysis['features'],
  valence,
  arousal,
  tempo: 100,
  energy: 0.5,
  analysisSec: 0.1,
});

describe('scanMusicDir', () => {
  it('finds audio at any depth, takes emotions from the nearest emotion folder and metadata from CSV', async () => {
    const root = await layout({
      'Artist/Album/01 - Song.mp3': 'x',
      'Artist/Album/02 - Other.mp3': 'xx',
      'Artist/Album/cover.jpg': 'x',
      'moods/Happy/deep/track.ogg': 'x',
      'loose.flac': 'x',
      'empty.mp3': '',
      'meta.csv': CSV,
    });
    const scan = await scanMusicDir(root, { metadataFile: join(root, 'meta.csv') });
    expect(scan.problems).toEqual([{ path: 'empty.mp3', reason: 'empty file, skipped' }]);
    const [song, other, loose, deep] = scan.tracks;
    expect(scan.tracks.map((t) => t.relativePath)).toEqual([
      'Artist/Album/01 - Song.mp3',
      'Artist/Album/02 - Other.mp3',
      'loose.flac',
      'moods/Happy/deep/track.ogg',
    ]);
    expect(song).toMatchObject({
      title: 'Song',
      artist: 'Band, The',
      genres: ['rock', 'indie'],
      language: 'en',
      valence: 0.5,
      arousal: 0.6,
      tempo: 128,
      moodTags: ['upbeat', 'driving'],
      emotion: 'happy',
      source: 'Artist/Album/01 - Song.mp3',
      provenance: { emotion: 'annotation', valence: 'annotation', arousal: 'annotation', tempo: 'annotation', moodTags: 'annotation' },
    });
    expect(other).toMatchObject({ title: 'Other "Live"', emotion: 'sad', valence: null, provenance: { emotion: 'annotation' } });
    expect(loose).toMatchObject({ emotion: 'neutral', title: 'loose', artist: 'Unknown', provenance: { emotion: 'default' } });
    expect(deep).toMatchObject({ emotion: 'happy', provenance: { emotion: 'folder' } });
  });

  it('reports a malformed metadata file and still imports the audio', async () => {
    const root = await layout({ 'a.mp3': 'x', 'meta.csv': 'file,title,artist,valence\na.mp3,A,B,loud\n' });
    const scan = await scanMusicDir(root, { metadataFile: join(root, 'meta.csv') });
    expect(scan.problems).toEqual([{ path: 'meta.csv', reason: expect.stringMatching(/malformed, ignored: .*0\.valence/) }]);
    expect(scan.tracks.map((t) => t.title)).toEqual(['a']);
  });

  it('reads JSON metadata with descriptors and their provenance', async () => {
    const root = await layout({
      'a.ogg': 'x',
      'meta.json': JSON.stringify([{ file: 'a.ogg', title: 'A', artist: 'B', valence: { value: -0.5, source: 'analysis' }, arousal: 0.2 }]),
    });
    const { tracks } = await scanMusicDir(root, { metadataFile: join(root, 'meta.json') });
    expect(tracks[0]).toMatchObject({ valence: -0.5, arousal: 0.2, provenance: { valence: 'analysis', arousal: 'annotation' } });
    expect(tracks[0].emotion).toBe('disgust');
    expect((await readMetadataFile(join(root, 'missing.json'))).problem?.reason).toMatch(/unreadable/);
  });
});

describe('importCatalog', () => {
  it('is idempotent: the same scan imported twice changes nothing', async () => {
    const root = await layout({ 'happy/a.mp3': 'x', 'sad/b.mp3': 'y', 'c.mp3': 'z' });
    const scan = await scanMusicDir(root);
    const first = importCatalog([], scan.tracks);
    expect(first.added).toHaveLength(3);
    const again = importCatalog(first.tracks, (await scanMusicDir(root)).tracks);
    expect(again).toEqual({ tracks: first.tracks, added: [], updated: [], removed: [], unchanged: first.added });
  });

  it('keeps analysis across re-imports of unchanged files, lets annotations win, and reports removals', async () => {
    const root = await layout({ 'a.mp3': 'x', 'b.mp3': 'y' });
    const scanned = (await scanMusicDir(root)).tracks;
    const analysed = scanned.map((t) => applyAnalysis(t, analysis(0.7, 0.5)));
    expect(analysed[0]).toMatchObject({ valence: 0.7, emotion: 'happy', durationSec: 30, provenance: { valence: 'analysis', emotion: 'analysis' } });
    const reimport = importCatalog(analysed, [scanned[0]]);
    expect(reimport.tracks[0]).toEqual(analysed[0]);
    expect(reimport.unchanged).toEqual([scanned[0].id]);
    expect(reimport.removed).toEqual([scanned[1].id]);
    const annotated = { ...scanned[0], valence: -0.2, provenance: { ...scanned[0].provenance, valence: 'annotation' as const } };
    expect(applyAnalysis(annotated, analysis(0.9, 0.9))).toMatchObject({ valence: -0.2, arousal: 0.9 });
  });
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, embedded newlines and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });
});
