import { join } from 'node:path';
import type { AffectEstimate } from '@attune/protocol';
import { LoadableModel } from '../loadable-model';
import type { InferenceModel } from '../model';
import { analyzeText, type TextAnalysis } from './text-estimate';
import { loadTextModel } from './text-model-files';
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
export class TextEmotionModel
  extends LoadableModel<TrainedTextClassifier>
  implements InferenceModel<string, AffectEstimate>
{
  constructor(private readonly dir: string) {
    super(dir.split(/[\\/]/).filter(Boolean).pop() ?? DEFAULT_TEXT_MODEL);
  }

  /** A model already in memory (just trained, or in tests). */
  static fromTrained(model: TrainedTextClassifier, id: string): TextEmotionModel {
    const instance = new TextEmotionModel(id);
    instance.adopt(model, 'js');
    return instance;
  }

  /** The estimate for one message, stamped `timestamp` (default now). Synchronous; throws when not loaded. */
  analyze(text: string, timestamp = Date.now()): TextAnalysis {
    return analyzeText(this.loaded, this.id, text, timestamp);
  }

  async predict(text: string): Promise<AffectEstimate> {
    return this.analyze(text).estimate;
  }

  async warmup(): Promise<void> {
    this.analyze('i feel a little nervous but mostly happy today');
  }

  get labels(): readonly string[] {
    return this.loaded.labels;
  }

  /** Plain TypeScript, no tfjs. */
  protected override selectBackend(): Promise<string> {
    return Promise.resolve('js');
  }

  protected async open(): Promise<TrainedTextClassifier> {
    return (await loadTextModel(this.dir)).model;
  }

  protected release(): void {
    // Plain objects: the garbage collector frees them.
  }
}
