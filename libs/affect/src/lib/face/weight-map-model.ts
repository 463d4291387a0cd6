import * as tf from '@tensorflow/tfjs-core';
import { LoadableModel } from '../loadable-model';
import { loadWeightMap } from './face-api-weights';

/**
 * A network that ships as named weights only (face-api's format); subclasses hold the forward
 * pass. The counterpart of DiskGraphModel for code-built networks.
 */
export abstract class WeightMapModel extends LoadableModel<tf.NamedTensorMap> {
  protected constructor(
    id: string,
    private readonly manifestPath: string,
  ) {
    super(id);
  }

  /** The loaded weights; throws when `load()` has not succeeded. */
  protected get weightMap(): tf.NamedTensorMap {
    return this.loaded;
  }

  /**
   * Checks the weights the forward pass needs, so a wrong file fails at load, not at the first
   * frame, and returns the map the forward pass runs on: the loaded one, or one with constants
   * folded in (a tensor it replaces, it disposes).
   */
  protected abstract prepare(weights: tf.NamedTensorMap): tf.NamedTensorMap;

  protected async open(): Promise<tf.NamedTensorMap> {
    const loaded = await loadWeightMap(this.manifestPath);
    try {
      return this.prepare(loaded);
    } catch (error) {
      this.release(loaded);
      throw error;
    }
  }

  protected release(weights: tf.NamedTensorMap): void {
    tf.dispose(Object.values(weights));
  }
}
