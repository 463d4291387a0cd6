/**
 * The fixed analysis settings. Training, evaluation and the live browser stream all use these,
 * so the numbers a model was trained on are the numbers it is served.
 */
export const FEATURE_CONFIG = {
  /** Everything is analysed at 16 kHz (speech band; EmoDB is 22.05 kHz, browsers 44.1/48 kHz). */
  sampleRate: 16000,
  /** 512 samples = 32 ms, Hann window (Meyda needs a power of two). */
  frameSize: 512,
  /** 160 samples = 10 ms. */
  hopSize: 160,
  /** Live windows: 1 s (100 frames), emitted every 0.5 s. */
  windowFrames: 100,
  windowHopFrames: 50,
  /** A window needs at least this share of voiced frames to yield a vector at all. */
  minVoicedFraction: 0.2,
  /** Pitch search range of the autocorrelation F0 tracker. */
  minF0: 70,
  maxF0: 450,
} as const;

/** Per-frame low-level descriptors, in this order (the summary statistics follow it). */
export const FRAME_FEATURES = [
  ...Array.from({ length: 13 }, (_, i) => `mfcc${i}`),
  'logEnergy', // 20*log10(RMS), dBFS
  'zcr', // zero crossings per sample
  'centroid', // spectral centroid, kHz
  'flatness', // spectral flatness (Wiener entropy), 0..1
  'rolloff', // 99% spectral roll-off (Meyda's definition), kHz
  'spread', // spectral spread, kHz
  'f0', // fundamental frequency, semitones above 55 Hz (pitched frames only)
  'clarity', // peak of the normalised autocorrelation, 0..1 (voicing strength)
] as const;
export type FrameFeature = (typeof FRAME_FEATURES)[number];

/** Statistics of each frame feature in a window, in this order. */
export const SUMMARY_STATS = ['mean', 'std', 'p10', 'p90', 'deltaStd'] as const;

/**
 * The window/utterance vector: for each frame feature, its statistics (`mfcc0.mean`,
 * `mfcc0.std`, …), then voicing shares, rhythm rates and contour slopes. Index = position in this list; stable across versions
 * of the model that share `FEATURE_VERSION`.
 */
export const FEATURE_NAMES: readonly string[] = [
  ...FRAME_FEATURES.flatMap((f) => SUMMARY_STATS.map((s) => `${f}.${s}`)),
  'voicedFraction', // voiced frames / all frames of the window
  'pitchedFraction', // frames with an F0 / voiced frames
  'voicedRunRate', // starts of voiced runs per second (a syllable/phrase rate proxy)
  'pitchedRunRate', // starts of runs of pitched voiced frames per second
  'f0.slope', // least-squares slope of F0 over the pitched frames, semitones per second
  'logEnergy.slope', // least-squares slope of the energy over the voiced frames, dB per second
];
export const FEATURE_VERSION = 'attune-voice-features/1';
export const FEATURE_LENGTH = FEATURE_NAMES.length;
export const VOICED_FRACTION_INDEX = FEATURE_NAMES.indexOf('voicedFraction');
