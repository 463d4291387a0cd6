export { BACKENDS, chooseBackend, type BackendName } from './lib/backend';
export { diskIOHandler, loadGraphModelFromDisk, loadLayersModelFromDisk } from './lib/model-loader';
export type { InferenceModel, ModelStatus } from './lib/model';
export { DiskGraphModel } from './lib/disk-graph-model';
export { ModelRegistry } from './lib/registry';
export { estimateFrom, toCanonicalDistribution } from './lib/estimate';
export { decodeImage, InvalidImageError, MAX_INPUT_PIXELS, type RgbImage } from './lib/image';
export { composeFrame, type ComposeFrameOptions } from './lib/compose-frame';
export type { PixelBox } from './lib/face/boxes';
export { BlazeFaceDetector, type BlazeFaceOptions, type FaceDetection } from './lib/face/blazeface-detector';
export {
  DEFAULT_CROP_SCALE,
  HUMAN_EMOTION_LABELS,
  HumanEmotionClassifier,
  type EmotionInput,
  type HumanEmotionOptions,
} from './lib/face/human-emotion-classifier';
export { humanModelsDir } from './lib/face/human-models';
export { FacePipeline, type AnalyzedFace, type FaceAnalysis, type FacePipelineOptions } from './lib/face/face-pipeline';
