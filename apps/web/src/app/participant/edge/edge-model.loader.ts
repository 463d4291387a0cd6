import { Injectable, signal } from '@angular/core';
import type { EdgeAnalyser } from '../participant-session.service';

export type EdgeModelState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; modelId: string; backend: string }
  | { state: 'failed'; error: string };

/**
 * Loads the in-browser face model on demand. tfjs and the model code sit in their own lazy
 * chunk (the dynamic import), so a participant in server mode never downloads them.
 */
@Injectable()
export class EdgeModelLoader {
  readonly model = signal<EdgeModelState>({ state: 'idle' });
  private loaded: { analyse: (video: HTMLVideoElement) => ReturnType<EdgeAnalyser>; dispose(): void } | null = null;
  private loading: Promise<EdgeAnalyser | null> | null = null;

  /** An analyser of `video`, once the model is loaded; null (with the reason in `model`) when it fails. */
  analyserFor(video: HTMLVideoElement): Promise<EdgeAnalyser | null> {
    this.loading ??= this.load().then((model) => {
      if (!model) {
        this.loading = null;
        return null;
      }
      return () => model.analyse(video);
    });
    return this.loading;
  }

  dispose(): void {
    this.loaded?.dispose();
    this.loaded = null;
    this.loading = null;
    this.model.set({ state: 'idle' });
  }

  private async load() {
    this.model.set({ state: 'loading' });
    try {
      const { EdgeFaceModel } = await import('./edge-face-model');
      const model = await EdgeFaceModel.load();
      this.loaded = model;
      this.model.set({ state: 'ready', modelId: model.id, backend: model.backend });
      return model;
    } catch (e) {
      this.model.set({
        state: 'failed',
        error: `The face model could not run in this browser: ${(e as Error).message}`,
      });
      return null;
    }
  }
}
