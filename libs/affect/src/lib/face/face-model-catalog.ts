import { join } from 'node:path';
import { FaceApiExpressionClassifier, FACE_API_EXPRESSION_LABELS } from './face-api-expression-classifier';
import type { FaceCropClassifier, FaceLabel } from './face-crop-classifier';
import { HumanEmotionClassifier, HUMAN_EMOTION_LABELS } from './human-emotion-classifier';
import { TrainedFaceClassifier } from './trained-face-classifier';
import { listTrainedFaceModels } from './trained-face-models';
import type { TrainedModelMetadata } from './trained-model-metadata';

/** What a default is chosen for: the live pipeline, uploads, or evaluation on a dataset. */
export type FaceModelRole = 'live' | 'upload' | 'ckplus48' | 'fer2013';

export interface FaceModelEntry {
  id: string;
  /** Pretrained models shipped in npm (comparison anchors), or models trained by Attune. */
  kind: 'anchor' | 'trained';
  labels: readonly FaceLabel[];
  /** Trained models: their metadata.json. */
  metadata?: TrainedModelMetadata;
  /** A new, unloaded classifier. */
  create(): FaceCropClassifier;
}

export interface ResolvedFaceModel {
  entry: FaceModelEntry;
  /** Set when the role's preferred model is absent and the fallback was taken: worth logging. */
  warning?: string;
}

/** Used while no trained model fits a role. */
export const FALLBACK_FACE_MODEL = HumanEmotionClassifier.ID;

const ANCHORS: FaceModelEntry[] = [
  {
    id: HumanEmotionClassifier.ID,
    kind: 'anchor',
    labels: HUMAN_EMOTION_LABELS,
    create: () => new HumanEmotionClassifier(),
  },
  {
    id: FaceApiExpressionClassifier.ID,
    kind: 'anchor',
    labels: FACE_API_EXPRESSION_LABELS,
    create: () => new FaceApiExpressionClassifier(),
  },
];

/** Every face model Attune can run: the two anchors, then the trained models in `modelsDir`. */
export class FaceModelCatalog {
  constructor(readonly entries: readonly FaceModelEntry[]) {}

  get(id: string): FaceModelEntry | undefined {
    return this.entries.find((entry) => entry.id === id);
  }

  /**
   * The model for a role: `requested` when given (unknown ids throw, naming the known ones), else
   * the newest trained model for the role (`fast` live, `accurate` for uploads and FER2013, the
   * CK+48-trained one for CK+48), else FALLBACK_FACE_MODEL with a warning. A model whose training
   * has finished comes before one still in training (`metrics.complete: false`: its best epoch so
   * far, written atomically by the trainer), which serves only while no finished model fits.
   */
  resolve(role: FaceModelRole, requested?: string): ResolvedFaceModel {
    if (requested) {
      const entry = this.get(requested);
      if (!entry)
        throw new Error(`unknown face model ${requested}; known: ${this.entries.map((e) => e.id).join(', ')}`);
      return { entry };
    }
    const fitting = this.entries.filter((e) => e.metadata && matches(role, e.metadata));
    const preferred = fitting.find((e) => !inTraining(e.metadata as TrainedModelMetadata)) ?? fitting[0];
    if (preferred) return { entry: preferred };
    return {
      entry: this.get(FALLBACK_FACE_MODEL) as FaceModelEntry,
      warning: `no trained face model for ${role} (${describe(role)}) in the models folder; using ${FALLBACK_FACE_MODEL}`,
    };
  }
}

export async function faceModelCatalog(modelsDir: string): Promise<FaceModelCatalog> {
  const trained = (await listTrainedFaceModels(modelsDir)).filter((m) => !ANCHORS.some((a) => a.id === m.id));
  return new FaceModelCatalog([
    ...ANCHORS,
    ...trained.map(
      (metadata): FaceModelEntry => ({
        id: metadata.id,
        kind: 'trained',
        labels: metadata.labels,
        metadata,
        create: () => new TrainedFaceClassifier(join(modelsDir, metadata.id)),
      }),
    ),
  ]);
}

/** `accurate` is any non-`fast` FER2013 model: a deeper net, or an ensemble / TTA of nets. */
function matches(role: FaceModelRole, m: TrainedModelMetadata): boolean {
  if (role === 'ckplus48') return m.dataset === 'ckplus48';
  if (m.dataset !== 'fer2013') return false;
  return role === 'live' ? m.architecture === 'fast' : m.architecture !== 'fast';
}

function inTraining(m: TrainedModelMetadata): boolean {
  return m.metrics?.['complete'] === false;
}

function describe(role: FaceModelRole): string {
  if (role === 'live') return 'a `fast` model trained on FER2013';
  if (role === 'ckplus48') return 'a model trained on CK+48';
  return 'an `accurate` model or ensemble trained on FER2013';
}
