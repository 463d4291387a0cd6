import { DestroyRef, Injectable, effect, inject, signal, untracked } from '@angular/core';
import { FEATURE_VERSION } from '@attune/audio-features';
import { MICROPHONE, microphoneErrorMessage } from '../core/microphone.token';
import { MICROPHONE_CONSTRAINTS, type MicrophoneFeatureCapture } from '../core/microphone-features';
import { MICROPHONE_FEATURES } from '../core/microphone-features.token';
import { ParticipantSessionService } from './participant-session.service';

/** How often voiced windows are sent, and at most how many per message. */
export const VOICE_SEND_INTERVAL_MS = 1000;
export const VOICE_WINDOWS_PER_MESSAGE = 4;

/** Microphone on/off: features computed in the browser, sent about once a second; raw audio never leaves. */
@Injectable()
export class VoiceCaptureService {
  private readonly session = inject(ParticipantSessionService);
  private readonly microphone = inject(MICROPHONE);
  private readonly createCapture = inject(MICROPHONE_FEATURES);

  readonly on = signal(false);
  readonly starting = signal(false);
  readonly error = signal<string | null>(null);
  /** Label of the last voice estimate, 'silence' when nothing voiced was heard; null before any. */
  readonly estimate = signal<string | null>(null);
  /** Loudness of the last ~100 ms, 0..1 (RMS on a log scale), for the level meter; never sent. */
  readonly level = signal(0);
  private peak = 0;
  private levelAt = 0;

  private stream: MediaStream | null = null;
  private capture: MicrophoneFeatureCapture | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private pending: number[][] = [];
  private inFlight = false;
  /** Bumped on every start/stop, so a late permission answer or ack can tell it is stale. */
  private generation = 0;

  constructor() {
    // Ending the session (by the button or the server) also ends listening.
    effect(() => {
      if (!this.session.session())
        untracked(() => {
          void this.stop();
          this.estimate.set(null);
        });
    });
    inject(DestroyRef).onDestroy(() => void this.stop());
  }

  toggle(): Promise<void> {
    return this.on() || this.starting() ? this.stop() : this.start();
  }

  async start(): Promise<void> {
    if (this.on() || this.starting() || !this.session.session()) return;
    const generation = ++this.generation;
    this.error.set(null);
    this.starting.set(true);
    let stream: MediaStream;
    try {
      stream = await this.microphone.getUserMedia(MICROPHONE_CONSTRAINTS);
    } catch (e) {
      if (generation === this.generation) {
        this.starting.set(false);
        this.error.set(microphoneErrorMessage(e));
      }
      return;
    }
    if (generation !== this.generation) {
      stream.getTracks().forEach((track) => track.stop());
      return;
    }
    this.stream = stream;
    const capture = this.createCapture();
    this.capture = capture;
    try {
      await capture.start(stream, {
        onSamples: (samples) => this.meter(samples),
        onWindow: (w) => {
          if (!w.vector) return;
          // Only the newest windows matter for "how do I sound now".
          this.pending = [...this.pending, Array.from(w.vector)].slice(-VOICE_WINDOWS_PER_MESSAGE);
        },
      });
    } catch {
      if (generation === this.generation) {
        await this.stop();
        this.error.set('The microphone could not be started.');
      }
      return;
    }
    if (generation !== this.generation) return;
    this.starting.set(false);
    this.on.set(true);
    this.timer = setInterval(() => void this.flush(generation), VOICE_SEND_INTERVAL_MS);
  }

  /** Stops capture and the microphone; safe to call at any time. */
  async stop(): Promise<void> {
    this.generation++;
    clearInterval(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.inFlight = false;
    this.on.set(false);
    this.starting.set(false);
    this.level.set(0);
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
    const capture = this.capture;
    this.capture = null;
    await capture?.stop().catch(() => undefined);
  }

  /** Updates `level` at most every 100 ms, so the meter does not re-render for every audio block. */
  private meter(samples: Float32Array): void {
    let sum = 0;
    for (const x of samples) sum += x * x;
    const rms = Math.sqrt(sum / Math.max(1, samples.length));
    this.peak = Math.max(this.peak, rms);
    const now = performance.now();
    if (now - this.levelAt < 100) return;
    this.levelAt = now;
    // -60 dBFS .. 0 dBFS onto 0..1.
    const db = 20 * Math.log10(this.peak + 1e-9);
    this.level.set(Math.min(1, Math.max(0, (db + 60) / 60)));
    this.peak = 0;
  }

  /** One tick: sends what was heard since the last one, never while the previous message awaits its ack. */
  private async flush(generation: number): Promise<void> {
    if (this.inFlight) return;
    if (!this.pending.length) {
      this.estimate.set('silence');
      return;
    }
    const windows = this.pending;
    this.pending = [];
    this.inFlight = true;
    const result = await this.session.sendAudioFeatures({ featureVersion: FEATURE_VERSION, windows });
    if (generation !== this.generation) return;
    this.inFlight = false;
    if (result.ok) {
      this.error.set(null);
      this.estimate.set(result.estimate ? result.estimate.label : 'silence');
    } else {
      this.error.set(result.error);
    }
  }
}
