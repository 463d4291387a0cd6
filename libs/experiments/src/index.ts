export { analyzeExperiment, AnalysisInputError, describeArms } from './lib/experiment-analysis';
export type { AnalysisOptions, Comparison, ExperimentAnalysis } from './lib/experiment-analysis';
export { chanceToBeatControl } from './lib/bayesian';
export type { BayesianResult } from './lib/bayesian';
export { bootstrapMeanDiffCi, percentile } from './lib/bootstrap';
export type { BootstrapInterval, BootstrapOptions } from './lib/bootstrap';
export {
  chiSquareCdf,
  chiSquarePdf,
  chiSquareQuantile,
  chiSquareSf,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSf,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
  studentTSf,
} from './lib/distributions';
export { holmAdjust } from './lib/holm';
export { mannWhitneyU } from './lib/mann-whitney';
export type { MannWhitneyResult } from './lib/mann-whitney';
export { CsvFormatError, parseObservationsCsv } from './lib/observations-csv';
export type { Observation } from './lib/observations-csv';
export { noncentralTCdf, noncentralTSf } from './lib/noncentral-t';
export { powerForSampleSize, sampleSizePerArm } from './lib/power';
export type { PowerDesign, PowerMethod, SampleSize } from './lib/power';
export { createRng } from './lib/rng';
export { logBeta, logGamma, regularizedBeta, regularizedGammaP, regularizedGammaQ } from './lib/special-functions';
export { sampleRatioMismatch } from './lib/srm';
export type { SrmResult } from './lib/srm';
export {
  addStats,
  EMPTY_STATS,
  mean,
  standardDeviation,
  statsOf,
  sufficientStats,
  summarize,
  variance,
  varianceOfMean,
} from './lib/sufficient-stats';
export type { ArmSummary, SufficientStats } from './lib/sufficient-stats';
export { welchTest } from './lib/welch';
export type { WelchResult } from './lib/welch';
export { assignmentBucket, chooseArm, fnv1a32 } from './lib/assignment';
export type { WeightedArm } from './lib/assignment';
export { exposureObservations, selfReportObservations } from './lib/exposure-metrics';
export type { ExposureMetricOptions, ExposureRecord, MoodPoint, SelfReportPair } from './lib/exposure-metrics';
