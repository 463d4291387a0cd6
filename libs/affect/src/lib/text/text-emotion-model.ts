import { join } from 'node:path';
import type { AffectEstimate } from '@attune/protocol';
import type { InferenceModel, ModelStatus } from '../model';
import { errorMessage } from '../error-message';
import { analyzeText, type TextAnalysis } from './text-estimate';
import { loadTextModel, type TextModelMetadata } from './text-model-files';
import type { TrainedTextClassifier } from './train-text-model';

export const DEFAULT_TEXT_MODEL = 'text-dair';

/** `<modelsDir>/<id>`: where `attune train text` saves a text model. */
export function textModelDir(modelsDir: string, id = DEFAULT_TEXT_MODEL): string {
  return join(modelsDir, id);
}

/**
 * A trained text model (dair-ai emotion, softmax regression over TF-IDF + lexicon features) behind
 * the common model interface. Plain TypeScript, no tfjs: `status().backend` is 'js'.
 */
export class TextEmotionModel implements InferenceModel<string, AffectEstimate> {
  readonly id: string;
  private model: TrainedTextClassifier | null = null;
  private meta: TextModelMetadata | null = null;
  private error: string | undefined;

  constructor(private readonly dir: string) {
    this.id = dir.split(/[\\/]/).filter(Boolean).pop() ?? DEFAULT_TEXT_MODEL;
  }

  /** A model already in memory (just trained, or in tests). */
  static fromTrained(model: TrainedTextClassifier, id: string): TextEmotionModel {
    const instance = new TextEmotionModel(id);
    instance.model = model;
    return instance;
  }

  async load(): Promise<void> {
    if (this.model) return;
    try {
      const { model, metadata } = await loadTextModel(this.dir);
      this.model = model;
      this.meta = metadata;
      this.error = undefined;
    } catch (err) {
      this.error = errorMessage(err);
      throw err;
    }
  }

  /** The estimate for one message, stamped `timestamp` (default now). Synchronous; throws when not loaded. */
  analyze(text: string, timestamp = Date.now()): TextAnalysis {
    if (!this.model) throw new Error(`text model ${this.id} is not loaded`);
    return analyzeText(this.model, this.id, text, timestamp);
  }

  async predict(text: string): Promise<AffectEstimate> {
    return this.analyze(text).estimate;
  }

  async warmup(): Promise<void> {
    this.analyze('i feel a little nervous but mostly happy today');
  }

  dispose(): void {
    this.model = null;
  }

  get labels(): readonly string[] {
    if (!this.model) throw new Error(`text model ${this.id} is not loaded`);
    return this.model.labels;
  }

  metadata(): TextModelMetadata | null {
    return this.meta;
  }

  status(): ModelStatus {
    return {
      id: this.id,
      loaded: this.model !== null,
      backend: this.model ? 'js' : null,
      ...(this.error ? { error: this.error } : {}),
    };
  }
}
