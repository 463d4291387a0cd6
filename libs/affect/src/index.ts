export { BACKENDS, chooseBackend, type BackendName } from './lib/backend';
export { diskIOHandler, loadGraphModelFromDisk, loadLayersModelFromDisk } from './lib/model-loader';
export type { InferenceModel, ModelStatus } from './lib/model';
export { DiskGraphModel } from './lib/disk-graph-model';
export { ModelRegistry, type ManagedModel } from './lib/registry';
export { workerEntry, type WorkerEntry } from './lib/worker-entry';
export { estimateFrom, toCanonicalDistribution } from './lib/estimate';
export { decodeImage, decodeGreySquare, InvalidImageError, MAX_INPUT_PIXELS, type RgbImage } from './lib/image';
export { composeFrame, type ComposeFrameOptions } from './lib/compose-frame';
export type { FaceDetector } from './lib/face/face-detector';
export { BlazeFaceDetector, type BlazeFaceOptions } from './lib/face/blazeface-detector';
export { TinyFaceDetector, type TinyFaceDetectorOptions } from './lib/face/tiny-face-detector';
export type { FaceCropClassifier, FaceLabel } from './lib/face/face-crop-classifier';
export { HUMAN_EMOTION_LABELS, HumanEmotionClassifier, type HumanEmotionOptions } from './lib/face/human-emotion-classifier';
export {
  FACE_API_EXPRESSION_LABELS,
  FaceApiExpressionClassifier,
  type FaceApiExpressionOptions,
} from './lib/face/face-api-expression-classifier';
export { toFaceDistribution } from './lib/face/face-labels';
export { humanModelsDir } from './lib/face/human-models';
export { faceApiModelsDir } from './lib/face/face-api-weights';
export {
  FacePipeline,
  type AnalyzedFace,
  type CropAnalysis,
  type CropImage,
  type FaceAnalysis,
  type FacePipelineOptions,
} from './lib/face/face-pipeline';
export {
  FALLBACK_FACE_MODEL,
  FaceModelCatalog,
  faceModelCatalog,
  type FaceModelEntry,
  type FaceModelRole,
  type ResolvedFaceModel,
} from './lib/face/face-model-catalog';
export { listTrainedFaceModels } from './lib/face/trained-face-models';
export {
  accuracy,
  classificationReport,
  confusionMatrix,
  macroF1,
  perClassMetrics,
  unweightedAverageRecall,
  type ClassificationReport,
  type ClassMetrics,
} from './lib/evaluation/metrics';
export {
  FACE_DATASETS,
  FER2013_SPLITS,
  readFaceEvalData,
  type FaceDataset,
  type FaceEvalData,
  type LabelledImage,
} from './lib/evaluation/face-eval-data';
export { evaluateFaceModel, type EvaluateOptions, type FaceEvaluation } from './lib/evaluation/evaluate-face-model';
export {
  confusionMatrixSvg,
  lineChartSvg,
  svgToPng,
  type ConfusionChart,
  type LineChart,
  type Series,
} from './lib/evaluation/charts';
export { latencyOf, percentile, timeRuns, type Latency } from './lib/evaluation/timing';
export { detectorRecall, iou, type FrameWithFace, type RecallReport } from './lib/evaluation/detector-recall';
export { benchFrames } from './lib/evaluation/bench-frames';
export {
  benchClassifier,
  benchPipeline,
  type ClassifierBench,
  type PipelineBench,
} from './lib/evaluation/face-bench';
export type { TrainedModelMetadata } from './lib/face/trained-model-metadata';
export { TrainedFaceClassifier, loadTrainedFaceClassifier } from './lib/face/trained-face-classifier';
export { loadCkPlus48, ckplusSubject } from './lib/datasets/ckplus48';
export type { LoadOptions } from './lib/datasets/class-folders';
export { loadFer2013Csv, loadFer2013Folder, FER2013_USAGE } from './lib/datasets/fer2013';
export { CKPLUS48_FOLDERS, CKPLUS48_LABELS, FER2013_CODES, FER2013_FOLDERS } from './lib/datasets/label-maps';
export { classCounts, subsetOf, type FaceCropSet } from './lib/datasets/face-crop-set';
export { subjectFolds } from './lib/datasets/subject-folds';
export { registerWasmGradients } from './lib/training/wasm-gradients';
export { augmentBatch, NO_AUGMENTATION, type AugmentConfig } from './lib/training/augment';
export { ARCHITECTURES, buildFaceModel, type Architecture } from './lib/training/architectures';
export { trainClassifier, type ClassWeighting, type TrainerConfig, type TrainResult, type TrainRun } from './lib/training/trainer';
export type { EpochRecord, TrainingState } from './lib/training/checkpoint';
export { faceTrainingConfigSchema, parseFaceTrainingConfig, type FaceTrainingConfig } from './lib/training/face-training-config';
export { runFaceTraining, type FaceTrainingOptions, type FaceTrainingOutcome } from './lib/training/face-training';
export { PREPROCESSING } from './lib/training/batches';
export { foldMeanHistory, trainingCurvePngs } from './lib/training/training-curves';
export { TextTokenizer, NEGATION_CUES, type TokenizedText } from './lib/text/tokenize';
export { AfinnScorer, NEGATED_AFINN_FACTOR, type AfinnScore } from './lib/text/afinn';
export {
  NRC_CATEGORIES,
  nrcCategoriesOf,
  nrcLexiconPath,
  parseNrcLexicon,
  readNrcLexicon,
  type NrcCategory,
  type NrcLexicon,
} from './lib/text/nrc-lexicon';
export {
  DAIR_LABELS,
  DAIR_SPLITS,
  DAIR_TO_CANONICAL,
  dairPath,
  parseDairLines,
  readDairFile,
  type DairLabel,
  type DairSplit,
  type LabelledText,
} from './lib/text/dair';
export {
  LEXICON_FEATURES,
  NEGATION_FEATURES,
  TextAnalyzer,
  TextFeaturizer,
  type TextFeatureConfig,
} from './lib/text/text-features';
export { trainSoftmax, softmaxProbabilities, type SoftmaxTrainingOptions, type SoftmaxWeights } from './lib/text/softmax-regression';
export {
  classifyText,
  trainTextClassifier,
  type ClassWeighting as TextClassWeighting,
  type TextTrainingOptions,
  type TrainedTextClassifier,
} from './lib/text/train-text-model';
export { analyzeText, AFINN_VALENCE_WEIGHT, CONFLICT_DAMPING, evidenceOf, type TextAnalysis } from './lib/text/text-estimate';
export {
  loadTextModel,
  readTextModelMetadata,
  saveTextModel,
  writeTextModelMetadata,
  type TextModelMetadata,
} from './lib/text/text-model-files';
export { DEFAULT_TEXT_MODEL, TextEmotionModel, textModelDir } from './lib/text/text-emotion-model';
export { evaluateTextModel, type TextEvaluation } from './lib/text/evaluate-text-model';
export {
  bestTrial,
  DEFAULT_TEXT_TRAINING,
  metricsEntry,
  textModelMetadata,
  textTuningGrid,
  tuneTextModel,
  type TuningTrial,
} from './lib/text/text-training';
export {
  EMODB_CLASSES,
  EMODB_CODES,
  EMODB_TO_CANONICAL,
  emoDbToCanonical,
  parseEmoDbName,
  type EmoDbClass,
} from './lib/voice/emodb-labels';
export { listEmoDb, loadEmoDb, voiceFeatures, type VoiceSample } from './lib/voice/emodb';
export { averageSpeaker, SpeakerNormaliser } from './lib/voice/speaker-normaliser';
export { fitStandardiser, standardise, type Standardiser } from './lib/voice/standardiser';
export { DEFAULT_VOICE_NETWORK, type VoiceNetworkOptions } from './lib/voice/voice-network';
export { meanProbabilities, utteranceProbabilities, voicedWindows } from './lib/voice/voice-classifier';
export type { FoldResult, LiveFigures, VoiceModelMetadata } from './lib/voice/voice-model-metadata';
export {
  crossValidateBySpeaker,
  DEFAULT_VOICE_TRAINING,
  predictSampleProbabilities,
  predictSamples,
  saveVoiceModel,
  speakerStatistics,
  trainVoiceModel,
  windowsOf,
  vectorsOf,
  type TrainedVoiceModel,
  type VoiceTrainingOptions,
  type VoiceUnit,
} from './lib/voice/voice-training';
export { VOICE_MODEL_ID, VoiceEmotionModel, type VoiceInput, type VoiceModelOptions } from './lib/voice/voice-model';
export { restrictTo, type HeldOutPrediction, type HeldOutSet } from './lib/fusion-study/held-out';
export { limitHeldOut, readHeldOutSet, writeHeldOutSet } from './lib/fusion-study/held-out-file';
export { faceHeldOut } from './lib/fusion-study/face-held-out';
export { voiceHeldOut } from './lib/fusion-study/voice-held-out';
export { textHeldOut } from './lib/fusion-study/text-held-out';
export {
  DEGRADED_KINDS,
  runFusionStudy,
  STUDY_MODALITIES,
  STUDY_PROTOCOL,
  wilson,
  type ConditionScore,
  type FusionStudyOptions,
  type FusionStudyResult,
  type StudyCheck,
  type StudyModality,
} from './lib/fusion-study/fusion-study';
export {
  runFusionStudySeeds,
  summarise as summariseFusionStudy,
  type CheckSummary,
  type ConditionSummary,
  type FusionStudySummary,
  type SeedStats,
} from './lib/fusion-study/fusion-study-summary';
export {
  assembleFaceEnsemble,
  faceEnsembleConfigSchema,
  isEnsembleConfig,
  parseFaceEnsembleConfig,
  type FaceEnsembleConfig,
} from './lib/training/face-ensemble';
