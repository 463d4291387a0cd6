/** What a model reports about itself; serialisable, the shape of `HealthReport.models`. */
export interface ModelStatus {
  id: string;
  loaded: boolean;
  /** The tfjs backend the model runs on, once loaded. */
  backend: string | null;
  /** Why the last load failed. */
  error?: string;
}

/** One model runtime behind the interface every model in this lib offers. */
export interface InferenceModel<I, O> {
  readonly id: string;
  /** Loads weights; calling it again after success is a no-op. Rejects when loading fails. */
  load(): Promise<void>;
  /** Runs one inference; rejects when the model is not loaded or inference fails. */
  predict(input: I): Promise<O>;
  /** Runs a dummy input through the model so the first real request is not the slow one. */
  warmup(): Promise<void>;
  /** Frees the weights; `load()` may be called again afterwards. */
  dispose(): void;
  status(): ModelStatus;
}
