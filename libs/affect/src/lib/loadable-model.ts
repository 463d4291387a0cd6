import { chooseBackend } from './backend';
import { errorMessage } from './error-message';
import type { ModelStatus } from './model';

/**
 * Loading, status and disposal for a model whose loaded state is one value `R` (a graph, a
 * weight map, a network with its metadata), shared by every model in this lib. Concurrent
 * `load()` calls share one attempt; a failed attempt is reported by `status().error` and may be
 * retried; `dispose()` frees the value, after which `load()` reads it again. Subclasses say how
 * to open and release it and add inference.
 */
export abstract class LoadableModel<R> {
  private value: R | null = null;
  private loading: Promise<void> | null = null;
  private backend: string | null = null;
  private error: string | undefined;
  /** Counts disposals, so a load that finishes after `dispose()` frees what it read. */
  private generation = 0;

  protected constructor(readonly id: string) {}

  /** Loads the model; a no-op once loaded. Rejects when loading fails. */
  load(): Promise<void> {
    if (!this.loading) {
      const attempt: Promise<void> = this.loadOnce().catch((error) => {
        // An attempt that `dispose()` abandoned leaves the current one alone.
        if (this.loading === attempt) {
          this.loading = null;
          this.error = errorMessage(error);
        }
        throw error;
      });
      this.loading = attempt;
    }
    return this.loading;
  }

  /** Frees what `load()` read; `load()` may be called again afterwards. */
  dispose(): void {
    const value = this.value;
    this.value = null;
    this.loading = null;
    this.generation++;
    if (value !== null) this.release(value);
  }

  status(): ModelStatus {
    const status: ModelStatus = { id: this.id, loaded: this.value !== null, backend: this.backend };
    return this.error ? { ...status, error: this.error } : status;
  }

  /** The loaded value; throws when `load()` has not succeeded, so callers get a clear message. */
  protected get loaded(): R {
    if (this.value === null) throw new Error(`model ${this.id} is not loaded`);
    return this.value;
  }

  /** Reads the model, checking it, after the backend is chosen; frees what it made when it throws. */
  protected abstract open(): Promise<R>;

  /** Frees what `open` returned. */
  protected abstract release(value: R): void;

  /** The backend the model runs on: the tfjs backend this process uses, unless a model runs without tfjs. */
  protected selectBackend(): Promise<string> {
    return chooseBackend();
  }

  /** Holds a value made in memory (a model just trained) as the loaded one. */
  protected adopt(value: R, backend: string): void {
    this.dispose();
    this.value = value;
    this.backend = backend;
    this.error = undefined;
  }

  private async loadOnce(): Promise<void> {
    const generation = this.generation;
    this.backend = await this.selectBackend();
    const value = await this.open();
    if (generation !== this.generation) {
      this.release(value);
      return;
    }
    this.value = value;
    this.error = undefined;
  }
}
