import { signal } from '@angular/core';

/**
 * A value fetched over HTTP as three signals (value, loading, error), so every view can show
 * its loading, empty and error state; a newer `load` wins over an older one still in flight.
 */
export class Loadable<T> {
  readonly value = signal<T | null>(null);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  private generation = 0;

  constructor(private readonly fetcher: () => Promise<T>) {}

  async load(): Promise<void> {
    const mine = ++this.generation;
    this.loading.set(true);
    this.error.set(null);
    try {
      const value = await this.fetcher();
      if (mine === this.generation) this.value.set(value);
    } catch (err) {
      if (mine === this.generation) this.error.set(err instanceof Error ? err.message : String(err));
    } finally {
      if (mine === this.generation) this.loading.set(false);
    }
  }
}
