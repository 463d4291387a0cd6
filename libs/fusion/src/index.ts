export {
  DEFAULT_FUSION_CONFIG,
  fusionConfig,
  POOLS,
  RELIABILITY_SCALES,
  type ReliabilityScale,
  type FusionConfig,
  type ModelReliability,
  type Pool,
  type SourceModality,
} from './lib/fusion-config';
export { calibrate, fitCalibration, type Calibration, type CalibrationSample } from './lib/calibration';
export {
  bayesPool,
  claimOf,
  judgedTrust,
  labelsOf,
  likelihoodOf,
  saysGiven,
  type Likelihood,
  type PooledReading,
} from './lib/bayes-pool';
export { calibratedDistribution, freshnessOf, reliabilityOf } from './lib/reliability';
export { fuseEstimates, type LateFusion, type ModalityContribution } from './lib/late-fusion';
export {
  advanceTo,
  emaAlpha,
  EMPTY_FUSED_STATE,
  observeEstimate,
  observeEstimates,
  type FusedState,
} from './lib/fused-state';
