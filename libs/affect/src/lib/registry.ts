import type { InferenceModel, ModelStatus } from './model';

/** What the registry manages: any model's lifecycle, whatever its inference method is called. */
export type ManagedModel = Omit<InferenceModel<never, unknown>, 'predict'>;

/** The models a process runs: loaded in parallel at start-up, warmed up, reported on, disposed. */
export class ModelRegistry {
  private readonly models = new Map<string, ManagedModel>();

  constructor(models: Iterable<ManagedModel> = []) {
    for (const model of models) this.register(model);
  }

  register(model: ManagedModel): this {
    if (this.models.has(model.id)) throw new Error(`a model with id ${model.id} is already registered`);
    this.models.set(model.id, model);
    return this;
  }

  /** Loads every model at once; a failure is recorded in that model's status, not thrown. */
  async loadAll(): Promise<ModelStatus[]> {
    await Promise.allSettled([...this.models.values()].map((model) => model.load()));
    return this.status();
  }

  /** Warms up the models that loaded. */
  async warmupAll(): Promise<void> {
    const loaded = [...this.models.values()].filter((model) => model.status().loaded);
    await Promise.all(loaded.map((model) => model.warmup()));
  }

  allLoaded(): boolean {
    return [...this.models.values()].every((model) => model.status().loaded);
  }

  status(): ModelStatus[] {
    return [...this.models.values()].map((model) => model.status());
  }

  disposeAll(): void {
    for (const model of this.models.values()) model.dispose();
  }
}
