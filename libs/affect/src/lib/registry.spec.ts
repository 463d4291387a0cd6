import type { InferenceModel, ModelStatus } from './model';
import { ModelRegistry } from './registry';

/** A model whose load waits until the test releases it, to observe parallel loading. */
class FakeModel implements InferenceModel<number, number> {
  loadStarted = false;
  warmedUp = false;
  disposed = false;
  private loaded = false;
  private error: string | undefined;
  private release!: (failure?: Error) => void;
  private readonly gate = new Promise<Error | undefined>((resolve) => (this.release = resolve));

  constructor(readonly id: string) {}

  finishLoad(failure?: Error): void {
    this.release(failure);
  }

  async load(): Promise<void> {
    this.loadStarted = true;
    const failure = await this.gate;
    if (failure) {
      this.error = failure.message;
      throw failure;
    }
    this.loaded = true;
  }

  async predict(input: number): Promise<number> {
    return input * 2;
  }

  async warmup(): Promise<void> {
    this.warmedUp = true;
  }

  dispose(): void {
    this.disposed = true;
    this.loaded = false;
  }

  status(): ModelStatus {
    return {
      id: this.id,
      loaded: this.loaded,
      backend: this.loaded ? 'fake' : null,
      ...(this.error && { error: this.error }),
    };
  }
}

describe('ModelRegistry', () => {
  it('starts every load before any finishes and reports failures in the status', async () => {
    const good = new FakeModel('good');
    const bad = new FakeModel('bad');
    const registry = new ModelRegistry([good, bad]);

    const loading = registry.loadAll();
    await Promise.resolve();
    expect(good.loadStarted && bad.loadStarted).toBe(true);
    bad.finishLoad(new Error('weights missing'));
    good.finishLoad();

    expect(await loading).toEqual([
      { id: 'good', loaded: true, backend: 'fake' },
      { id: 'bad', loaded: false, backend: null, error: 'weights missing' },
    ]);
    expect(registry.allLoaded()).toBe(false);
  });

  it('warms up only the loaded models and disposes all', async () => {
    const good = new FakeModel('good');
    const bad = new FakeModel('bad');
    const registry = new ModelRegistry([good, bad]);
    good.finishLoad();
    bad.finishLoad(new Error('nope'));
    await registry.loadAll();

    await registry.warmupAll();
    expect([good.warmedUp, bad.warmedUp]).toEqual([true, false]);

    registry.disposeAll();
    expect([good.disposed, bad.disposed]).toEqual([true, true]);
    expect(registry.status().every((s) => !s.loaded)).toBe(true);
  });

  it('refuses two models with the same id', () => {
    const registry = new ModelRegistry([new FakeModel('same')]);
    expect(() => registry.register(new FakeModel('same'))).toThrow(/already registered/);
  });
});
