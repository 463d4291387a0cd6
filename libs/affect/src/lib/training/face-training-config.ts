import { z } from 'zod';
import { ARCHITECTURES } from './architectures';

const augmentSchema = z.object({
  flip: z.boolean().default(true),
  rotateDegrees: z.number().min(0).max(45).default(10),
  shift: z.number().min(0).max(0.3).default(0.1),
  zoom: z.number().min(0).max(0.3).default(0.1),
  brightness: z.number().min(0).max(0.5).default(0.1),
  contrast: z.number().min(0).max(0.5).default(0.2),
});

/** One experiments/face/<file>.json: everything a training run depends on (documented in its README). */
export const faceTrainingConfigSchema = z.object({
  /** Model folder name under models/. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  architecture: z.enum(ARCHITECTURES),
  dataset: z.enum(['fer2013', 'ckplus48']),
  /**
   * Where the data is, relative to DATASETS_DIR: a folder in the public layout, or (fer2013) a
   * `.csv` file with `emotion,pixels,Usage`.
   */
  data: z.string(),
  /** fer2013: train -> validation (Kaggle PublicTest); ckplus48: k folds grouped by subject. */
  folds: z.number().int().min(2).optional(),
  /** Seed of the subject-to-fold assignment (`seed` by default); runs sharing it can be ensembled. */
  foldSeed: z.number().int().optional(),
  inputSize: z.number().int().min(16).max(96).default(48),
  seed: z.number().int().default(1),
  epochs: z.number().int().min(1),
  batchSize: z.number().int().min(1).default(64),
  learningRate: z.number().positive().default(1e-3),
  classWeighting: z.enum(['none', 'balanced', 'sqrt']).default('none'),
  earlyStoppingPatience: z.number().int().min(1).optional(),
  reduceLearningRate: z
    .object({ patience: z.number().int().min(1), factor: z.number().gt(0).lt(1), min: z.number().positive() })
    .optional(),
  /** `cosine` decays the learning rate over `epochs` on a fixed curve (trainer.ts); `constant` by default. */
  learningRateSchedule: z.enum(['constant', 'cosine']).default('constant'),
  /** Score validation (and the saved model's predictions) on each crop averaged with its mirror. */
  tta: z.boolean().default(false),
  augment: augmentSchema.default(augmentSchema.parse({})),
  /** Start from this trained model's weights (same architecture; the softmax too when the labels match). */
  initFrom: z.string().optional(),
  /** Average the weights of every epoch from this one on (stochastic weight averaging, trainer.ts). */
  averageWeightsFrom: z.number().int().min(1).optional(),
  /**
   * Also learn from a finished trained model's (or ensemble's) probabilities on each augmented
   * batch (knowledge distillation, trainer.ts): `weight` of the loss goes to matching the
   * teacher softened by `temperature`, the rest to the labels.
   */
  distillFrom: z
    .object({
      model: z.string(),
      weight: z.number().gt(0).max(1).default(0.5),
      temperature: z.number().min(1).default(2),
    })
    .optional(),
});

export type FaceTrainingConfig = z.infer<typeof faceTrainingConfigSchema>;

export function parseFaceTrainingConfig(json: unknown): FaceTrainingConfig {
  const parsed = faceTrainingConfigSchema.safeParse(json);
  if (!parsed.success) throw new Error(`invalid face training config: ${z.prettifyError(parsed.error)}`);
  const config = parsed.data;
  if (config.dataset === 'ckplus48' && config.folds === undefined)
    throw new Error('ckplus48 configs need "folds" (grouped by subject)');
  // A CK+ fold's only held-out data is its test subjects: stopping or tuning on them would leak.
  if (config.dataset === 'ckplus48' && (config.earlyStoppingPatience !== undefined || config.reduceLearningRate)) {
    throw new Error(
      'ckplus48 folds train for a fixed number of epochs: no earlyStoppingPatience or reduceLearningRate',
    );
  }
  if (config.learningRateSchedule === 'cosine' && config.reduceLearningRate)
    throw new Error('a cosine learningRateSchedule and reduceLearningRate both set the learning rate: choose one');
  if (config.averageWeightsFrom !== undefined && config.averageWeightsFrom > config.epochs)
    throw new Error(`averageWeightsFrom ${config.averageWeightsFrom} is after the last epoch (${config.epochs})`);
  if (config.dataset === 'ckplus48' && config.distillFrom)
    throw new Error(
      "ckplus48 runs cannot distil: a CK+ teacher has seen the folds' test subjects, and FER2013 teachers have other labels",
    );
  if (config.dataset === 'fer2013' && (config.folds !== undefined || config.foldSeed !== undefined))
    throw new Error('fer2013 has no subject ids: "folds" and "foldSeed" are not allowed');
  return config;
}
