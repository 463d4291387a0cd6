import * as tf from '@tensorflow/tfjs-core';
import { chooseBackend } from '../backend';
import { errorMessage } from '../error-message';
import type { ModelStatus } from '../model';
import { loadWeightMap } from './face-api-weights';

/**
 * Load, status and disposal of a network that ships as named weights only (face-api's format);
 * subclasses hold the forward pass. The counterpart of DiskGraphModel for code-built networks.
 */
export abstract class WeightMapModel {
  private weights: tf.NamedTensorMap | null = null;
  private loading: Promise<void> | null = null;
  private backend: string | null = null;
  private error: string | undefined;

  protected constructor(
    readonly id: string,
    private readonly manifestPath: string,
  ) {}

  load(): Promise<void> {
    this.loading ??= this.loadOnce().catch((error) => {
      this.loading = null;
      this.error = errorMessage(error);
      throw error;
    });
    return this.loading;
  }

  dispose(): void {
    if (this.weights) tf.dispose(Object.values(this.weights));
    this.weights = null;
    this.loading = null;
  }

  status(): ModelStatus {
    const status: ModelStatus = { id: this.id, loaded: this.weights !== null, backend: this.backend };
    return this.error ? { ...status, error: this.error } : status;
  }

  /** The loaded weights; throws when `load()` has not succeeded. */
  protected get weightMap(): tf.NamedTensorMap {
    if (!this.weights) throw new Error(`model ${this.id} is not loaded`);
    return this.weights;
  }

  /**
   * Checks the weights the forward pass needs, so a wrong file fails at load, not at the first
   * frame, and returns the map the forward pass runs on: the loaded one, or one with constants
   * folded in (a tensor it replaces, it disposes).
   */
  protected abstract prepare(weights: tf.NamedTensorMap): tf.NamedTensorMap;

  private async loadOnce(): Promise<void> {
    this.backend = await chooseBackend();
    const loaded = await loadWeightMap(this.manifestPath);
    try {
      this.weights = this.prepare(loaded);
    } catch (error) {
      tf.dispose(Object.values(loaded));
      throw error;
    }
    this.error = undefined;
  }
}
