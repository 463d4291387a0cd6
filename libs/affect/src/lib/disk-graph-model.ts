import type { GraphModel } from '@tensorflow/tfjs-converter';
import { chooseBackend } from './backend';
import { errorMessage } from './error-message';
import type { InferenceModel, ModelStatus } from './model';
import { loadGraphModelFromDisk } from './model-loader';

/** Load, status and disposal of a tfjs graph model read from disk; subclasses add inference. */
export abstract class DiskGraphModel<I, O> implements InferenceModel<I, O> {
  private graph: GraphModel | null = null;
  private loading: Promise<void> | null = null;
  private backend: string | null = null;
  private error: string | undefined;

  protected constructor(
    readonly id: string,
    private readonly modelJsonPath: string,
  ) {}

  load(): Promise<void> {
    this.loading ??= this.loadOnce().catch((error) => {
      this.loading = null;
      this.error = errorMessage(error);
      throw error;
    });
    return this.loading;
  }

  abstract predict(input: I): Promise<O>;

  abstract warmup(): Promise<void>;

  dispose(): void {
    this.graph?.dispose();
    this.graph = null;
    this.loading = null;
    this.released();
  }

  status(): ModelStatus {
    const status: ModelStatus = {
      id: this.id,
      loaded: this.graph !== null,
      backend: this.backend,
    };
    return this.error ? { ...status, error: this.error } : status;
  }

  /** The loaded graph; throws when `load()` has not succeeded, so callers get a clear message. */
  protected get model(): GraphModel {
    if (!this.graph) throw new Error(`model ${this.id} is not loaded`);
    return this.graph;
  }

  /** Called once the graph is loaded, to derive input sizes or build constant tensors. */
  protected abstract prepared(model: GraphModel): void;

  /** Called on dispose, to free what `prepared` built. */
  protected released(): void {
    // Most models hold nothing beyond the graph.
  }

  private async loadOnce(): Promise<void> {
    this.backend = await chooseBackend();
    const graph = await loadGraphModelFromDisk(this.modelJsonPath);
    this.prepared(graph);
    this.graph = graph;
    this.error = undefined;
  }
}
