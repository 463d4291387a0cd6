export {
  FEATURE_CONFIG,
  FEATURE_LENGTH,
  FEATURE_NAMES,
  FEATURE_VERSION,
  FRAME_FEATURES,
  SUMMARY_STATS,
  VOICED_FRACTION_INDEX,
  type FrameFeature,
} from './lib/config';
export { decodeWav, encodeWav16, InvalidWavError, toMono, type PcmAudio } from './lib/wav';
export { resample, StreamingResampler } from './lib/resample';
export { estimatePitch, toSemitones } from './lib/pitch';
export { extractFrames, frameCount, frameDescriptors, type FrameMatrix } from './lib/frames';
export { DEFAULT_VAD, detectVoice, type VadOptions } from './lib/vad';
export {
  framesOf,
  sliceFrames,
  StreamingFeatureExtractor,
  summariseFrames,
  summariseWindow,
  utteranceFeatures,
  windowFeatures,
  windowsOfFrames,
  type WindowVector,
} from './lib/summary';
