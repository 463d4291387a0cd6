import { LoadableModel } from './loadable-model';

/** A model whose value is a number, opened on demand; records what it opened and released. */
class CountingModel extends LoadableModel<number> {
  opened = 0;
  released: number[] = [];
  failNext = false;
  private gate: Promise<void> = Promise.resolve();

  constructor() {
    super('counting');
  }

  /** Holds the next `open()` until the returned function is called. */
  hold(): () => void {
    let open!: () => void;
    this.gate = new Promise((resolve) => (open = resolve));
    return open;
  }

  current(): number {
    return this.loaded;
  }

  static adopted(value: number): CountingModel {
    const model = new CountingModel();
    model.adopt(value, 'js');
    return model;
  }

  protected override selectBackend(): Promise<string> {
    return Promise.resolve('test');
  }

  protected async open(): Promise<number> {
    await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('weights missing');
    }
    return ++this.opened;
  }

  protected release(value: number): void {
    this.released.push(value);
  }
}

describe('LoadableModel', () => {
  it('shares one attempt between concurrent loads and is a no-op once loaded', async () => {
    const model = new CountingModel();
    expect(model.status()).toEqual({ id: 'counting', loaded: false, backend: null });
    await Promise.all([model.load(), model.load(), model.load()]);
    await model.load();
    expect(model.opened).toBe(1);
    expect(model.current()).toBe(1);
    expect(model.status()).toEqual({ id: 'counting', loaded: true, backend: 'test' });
  });

  it('names the model when used before loading', () => {
    expect(() => new CountingModel().current()).toThrow('model counting is not loaded');
  });

  it('reports a failed load and loads on the next attempt', async () => {
    const model = new CountingModel();
    model.failNext = true;
    await expect(model.load()).rejects.toThrow('weights missing');
    expect(model.status()).toMatchObject({ loaded: false, error: 'weights missing' });
    await model.load();
    expect(model.status()).toEqual({ id: 'counting', loaded: true, backend: 'test' });
  });

  it('releases the value on dispose and reads it again on the next load', async () => {
    const model = new CountingModel();
    await model.load();
    model.dispose();
    model.dispose();
    expect(model.released).toEqual([1]);
    expect(model.status().loaded).toBe(false);
    await model.load();
    expect(model.current()).toBe(2);
  });

  it('frees what a load read when dispose came first', async () => {
    const model = new CountingModel();
    const open = model.hold();
    const loading = model.load();
    model.dispose();
    open();
    await loading;
    expect(model.released).toEqual([1]);
    expect(model.status().loaded).toBe(false);
  });

  it('keeps the current load when an abandoned one fails', async () => {
    const model = new CountingModel();
    const open = model.hold();
    model.failNext = true;
    const abandoned = model.load();
    model.dispose();
    const current = model.load();
    open();
    await expect(abandoned).rejects.toThrow('weights missing');
    await current;
    await model.load();
    expect(model.opened).toBe(1);
    expect(model.status()).toEqual({ id: 'counting', loaded: true, backend: 'test' });
  });

  it('adopts a value made in memory', () => {
    const model = CountingModel.adopted(7);
    expect(model.current()).toBe(7);
    expect(model.status()).toEqual({ id: 'counting', loaded: true, backend: 'js' });
  });
});
