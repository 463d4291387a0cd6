export type { AudioFormat } from './lib/audio-formats';
export type { CatalogProblem, CatalogScan, CatalogTrack } from './lib/catalog-track';
export { DEMO_MUSIC_DIR, findDemoMusicDir } from './lib/demo-music-dir';
export { emotionOfFolder } from './lib/emotion-folders';
export { scanEmotionFolders } from './lib/scan-emotion-folders';
export { trackIdOf } from './lib/track-id';
