import type { GraphModel } from '@tensorflow/tfjs-converter';
import { LoadableModel } from './loadable-model';
import type { InferenceModel } from './model';
import { loadGraphModelFromDisk } from './model-loader';

/** A tfjs graph model read from disk; subclasses add inference. */
export abstract class DiskGraphModel<I, O> extends LoadableModel<GraphModel> implements InferenceModel<I, O> {
  protected constructor(
    id: string,
    private readonly modelJsonPath: string,
  ) {
    super(id);
  }

  abstract predict(input: I): Promise<O>;

  abstract warmup(): Promise<void>;

  /** The loaded graph; throws when `load()` has not succeeded. */
  protected get model(): GraphModel {
    return this.loaded;
  }

  /** Called once the graph is loaded, to derive input sizes or build constant tensors. */
  protected abstract prepared(model: GraphModel): void;

  /** Called on dispose, to free what `prepared` built. */
  protected released(): void {
    // Most models hold nothing beyond the graph.
  }

  protected async open(): Promise<GraphModel> {
    const graph = await loadGraphModelFromDisk(this.modelJsonPath);
    try {
      this.prepared(graph);
    } catch (error) {
      this.release(graph);
      throw error;
    }
    return graph;
  }

  protected release(graph: GraphModel): void {
    graph.dispose();
    this.released();
  }
}
