import { Injectable, inject } from '@angular/core';
import type { EmotionDistribution, FaceBox, FaceMode } from '@attune/protocol';
import { FETCH } from '../core/login-api';

export type ConsentModality = 'camera' | 'microphone' | 'text';

/** `GET /api/join/:code`: the study, its current consent form, and the participant's last consent. */
export interface JoinInfo {
  studyTitle: string;
  studyDescription: string;
  participantCode: string;
  faceMode?: FaceMode;
  consentForm: {
    version: number;
    text: string;
    modalities: ConsentModality[];
    offersRawMediaStorage: boolean;
    retentionDays: number;
  } | null;
  consent: { formVersion: number; choices: ConsentChoices; at: string } | null;
}

export interface ConsentChoices {
  camera: boolean;
  microphone: boolean;
  text: boolean;
  storeRawMedia: boolean;
}

/** One face of `POST /api/analyze/image`. */
export interface AnalyzedFace {
  box: FaceBox;
  score: number;
  label: string;
  confidence: number;
  distribution: EmotionDistribution;
  valence: number;
  arousal: number;
}

export interface ImageAnalysis {
  width: number;
  height: number;
  models: { detector: string; classifier: string };
  faces: AnalyzedFace[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** The participant's HTTP calls: join link, consent, photo analysis. */
@Injectable({ providedIn: 'root' })
export class ParticipantApi {
  private readonly fetch = inject(FETCH);

  joinInfo(code: string): Promise<ApiResult<JoinInfo>> {
    return this.call(`/api/join/${encodeURIComponent(code)}`, {}, 'This join link');
  }

  /** Pass the same `clientEventId` when retrying one decision: the server records it once. */
  giveConsent(
    code: string,
    formVersion: number,
    choices: ConsentChoices,
    clientEventId: string = crypto.randomUUID(),
  ): Promise<ApiResult<unknown>> {
    return this.call(
      `/api/join/${encodeURIComponent(code)}/consent`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ formVersion, ...choices, clientEventId }),
      },
      'Consent',
    );
  }

  analyzeImage(image: Blob, name = 'image.jpg'): Promise<ApiResult<ImageAnalysis>> {
    const body = new FormData();
    body.append('image', image, name);
    return this.call('/api/analyze/image', { method: 'POST', body }, 'The analysis');
  }

  private async call<T>(url: string, init: RequestInit, what: string): Promise<ApiResult<T>> {
    try {
      const res = await this.fetch(url, init);
      if (res.ok) return { ok: true, value: (await res.json()) as T };
      const message = await res
        .json()
        .then((b: { message?: string | string[] }) => (Array.isArray(b.message) ? b.message.join('; ') : b.message))
        .catch(() => undefined);
      if (res.status === 404) return { ok: false, error: `${what} was not found. Check the link or code.` };
      return { ok: false, error: `${what} failed (HTTP ${res.status})${message ? `: ${message}` : ''}` };
    } catch {
      return { ok: false, error: 'Cannot reach the server. Please retry.' };
    }
  }
}
