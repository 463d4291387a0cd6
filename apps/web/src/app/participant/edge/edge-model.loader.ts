import { Injectable, signal } from '@angular/core';
import type { EdgeAnalyser, FaceCropper } from '../participant-session.service';
import type { EdgeFaceModel } from './edge-face-model';

export type EdgeModelState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; modelId: string; backend: string }
  | { state: 'failed'; error: string };

/**
 * Loads the in-browser face model on demand, once per page. tfjs and the model code sit in their
 * own lazy chunk (the dynamic import), kept out of the page's initial JavaScript. Two uses: edge
 * mode (detector + classifier here, only estimates sent) and crop mode, the default live mode
 * (detector here, only the face crop sent); without it the page falls back to whole frames.
 */
@Injectable()
export class EdgeModelLoader {
  readonly model = signal<EdgeModelState>({ state: 'idle' });
  private loaded: EdgeFaceModel | null = null;
  private loading: Promise<EdgeFaceModel | null> | null = null;

  /** An analyser of `video`, once the model is loaded; null (with the reason in `model`) when it fails. */
  async analyserFor(video: HTMLVideoElement): Promise<EdgeAnalyser | null> {
    const model = await this.ready();
    return model ? () => model.analyse(video) : null;
  }

  /** A face cropper of `video` for crop mode; null when the model cannot run here. */
  async cropperFor(video: HTMLVideoElement): Promise<FaceCropper | null> {
    const model = await this.ready();
    return model ? () => model.cropLargestFace(video) : null;
  }

  private ready(): Promise<EdgeFaceModel | null> {
    this.loading ??= this.load().then((model) => {
      if (!model) this.loading = null;
      return model;
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
