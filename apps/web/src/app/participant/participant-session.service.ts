import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import {
  MAX_FRAME_BYTES,
  NAMESPACES,
  PARTICIPANT_EVENTS,
  SERVER_EVENTS,
  type AudioFeaturesPayload,
  type FeedbackKind,
  type AffectEstimate,
  type FrameResult,
  type MoodGoalPayload,
  type MoodUpdate,
  type ParticipantClientToServer,
  type ParticipantServerToClient,
  type RecommendationEvent,
  type SessionStarted,
  type StartSessionPayload,
} from '@attune/protocol';
import type { Socket } from 'socket.io-client';
import { NO_ANSWER, errorText, settle } from '../core/ack';
import { CAMERA } from '../core/camera.token';
import { cameraErrorMessage } from '../core/camera-error';
import { ACK_TIMEOUT_MS, SOCKET_FACTORY } from '../core/socket.token';

type ParticipantSocket = Socket<ParticipantServerToClient, ParticipantClientToServer>;

/** Encodes the current camera picture; resolves null while there is none, never rejects. */
export type FrameSource = () => Promise<Uint8Array | null>;

/** The answer to one request from the mood panel: pending, its result, or why it failed. */
export type RequestStatus<T> = { state: 'sending' } | { state: 'done'; value: T } | { state: 'failed'; error: string };

export type MoodGoal = MoodGoalPayload['goal'];

export type SessionPhase = 'idle' | 'starting' | 'running' | 'ended';

export interface FeedbackStatus {
  kind: FeedbackKind;
  state: 'saving' | 'saved' | 'failed';
  error?: string;
}

const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'user' },
  audio: false,
};

/** Runs one participant session: camera, socket, frame loop, recommendations and feedback, as signals. */
@Injectable()
export class ParticipantSessionService {
  private readonly camera = inject(CAMERA);
  private readonly openSocket = inject(SOCKET_FACTORY);

  readonly phase = signal<SessionPhase>('idle');
  /** Session-level problem (camera, connection, server); null when all is well. */
  readonly error = signal<string | null>(null);
  readonly stream = signal<MediaStream | null>(null);
  readonly session = signal<SessionStarted | null>(null);
  /** Newest analysed frame, from a frame ack or an `emotion` event. */
  readonly latest = signal<FrameResult | null>(null);
  /** Why the last frame produced no estimate, if it failed. */
  readonly frameError = signal<string | null>(null);
  readonly recommendation = signal<RecommendationEvent | null>(null);
  readonly feedback = signal<FeedbackStatus | null>(null);
  /** Newest `mood` event: the fused state of all modalities. */
  readonly mood = signal<MoodUpdate | null>(null);
  readonly textEstimate = signal<RequestStatus<AffectEstimate> | null>(null);
  readonly goal = signal<MoodGoal | null>(null);
  readonly strategy = signal<RequestStatus<string> | null>(null);

  private socket: ParticipantSocket | null = null;
  private frames: FrameSource | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private frameInFlight = false;
  private seq = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  async start(frames: FrameSource, payload: StartSessionPayload = {}): Promise<void> {
    if (this.phase() === 'starting' || this.phase() === 'running') return;
    this.error.set(null);
    this.phase.set('starting');
    let stream: MediaStream;
    try {
      stream = await this.camera.getUserMedia(CAMERA_CONSTRAINTS);
    } catch (e) {
      this.phase.set('idle');
      this.error.set(cameraErrorMessage(e));
      return;
    }
    if (this.phase() !== 'starting') {
      // Ended while the permission prompt was open: do not keep the camera on.
      stream.getTracks().forEach((track) => track.stop());
      return;
    }
    this.stream.set(stream);
    this.frames = frames;
    this.connect(payload);
  }

  /** Stops camera, frame loop and socket; safe to call in any phase. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    const socket = this.socket;
    this.socket = null;
    socket?.disconnect();
    this.stream()
      ?.getTracks()
      .forEach((track) => track.stop());
    this.stream.set(null);
    this.frames = null;
    this.session.set(null);
    this.latest.set(null);
    this.frameError.set(null);
    this.recommendation.set(null);
    this.feedback.set(null);
    this.mood.set(null);
    this.textEstimate.set(null);
    this.goal.set(null);
    this.strategy.set(null);
    if (this.phase() !== 'idle') this.phase.set('ended');
  }

  async sendFeedback(kind: FeedbackKind): Promise<void> {
    const rec = this.recommendation();
    const socket = this.socket;
    if (!rec || !socket || this.feedback()?.state === 'saving') return;
    const payload = { clientEventId: crypto.randomUUID(), recommendationId: rec.recommendationId, kind };
    this.feedback.set({ kind, state: 'saving' });
    let ack = await settle(socket.emitWithAck(PARTICIPANT_EVENTS.feedback, payload));
    // Resending the same clientEventId is safe: the server stores it once and reports the duplicate.
    if (!ack.ok && ack.error === NO_ANSWER) {
      ack = await settle(socket.emitWithAck(PARTICIPANT_EVENTS.feedback, payload));
    }
    if (socket !== this.socket) return;
    this.feedback.set(ack.ok ? { kind, state: 'saved' } : { kind, state: 'failed', error: errorText(ack.error) });
  }

  /** "How do you feel?": the server answers with the text model's estimate. */
  async sendText(text: string): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.session() || !text.trim() || this.textEstimate()?.state === 'sending') return;
    this.textEstimate.set({ state: 'sending' });
    const ack = await settle(socket.emitWithAck(PARTICIPANT_EVENTS.text, { text: text.trim() }));
    if (socket !== this.socket) return;
    this.textEstimate.set(
      ack.ok ? { state: 'done', value: ack.data.estimate } : { state: 'failed', error: errorText(ack.error) },
    );
  }

  /** Keep or improve the mood; the server answers with the strategy it now follows. */
  async setGoal(goal: MoodGoal): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.session()) return;
    this.goal.set(goal);
    this.strategy.set({ state: 'sending' });
    const ack = await settle(socket.emitWithAck(PARTICIPANT_EVENTS.moodGoal, { goal }));
    // A later choice owns the display.
    if (socket !== this.socket || this.goal() !== goal) return;
    this.strategy.set(
      ack.ok ? { state: 'done', value: ack.data.strategy } : { state: 'failed', error: errorText(ack.error) },
    );
  }

  /** Voice feature windows; resolves the voice estimate (null: no voice), or an error message. */
  async sendAudioFeatures(
    payload: AudioFeaturesPayload,
  ): Promise<{ ok: true; estimate: AffectEstimate | null } | { ok: false; error: string }> {
    const socket = this.socket;
    if (!socket || !this.session()) return { ok: false, error: 'No session is running.' };
    const ack = await settle(socket.emitWithAck(PARTICIPANT_EVENTS.audioFeatures, payload));
    return ack.ok ? { ok: true, estimate: ack.data.estimate } : { ok: false, error: errorText(ack.error) };
  }

  async trackStarted(): Promise<void> {
    const rec = this.recommendation();
    const socket = this.socket;
    if (!rec || !socket) return;
    const ack = await settle(
      socket.emitWithAck(PARTICIPANT_EVENTS.trackStarted, { recommendationId: rec.recommendationId }),
    );
    if (!ack.ok && socket === this.socket) this.error.set(errorText(ack.error));
  }

  async trackEnded(): Promise<void> {
    const rec = this.recommendation();
    const socket = this.socket;
    if (!rec || !socket) return;
    const ack = await settle(
      socket.emitWithAck(PARTICIPANT_EVENTS.trackEnded, { recommendationId: rec.recommendationId }),
    );
    if (!ack.ok && socket === this.socket) this.error.set(errorText(ack.error));
  }

  private connect(payload: StartSessionPayload): void {
    const socket: ParticipantSocket = this.openSocket(NAMESPACES.participant, { ackTimeout: ACK_TIMEOUT_MS });
    this.socket = socket;
    // The server binds a session to its socket, so every connect (reconnects too) starts one.
    socket.on('connect', () => void this.beginSession(socket, payload));
    socket.on('connect_error', () => this.error.set('Cannot reach the server. Retrying…'));
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      if (reason === 'io server disconnect') {
        // socket.io does not reconnect after the server closed the socket on purpose.
        this.stop();
        this.error.set('The server ended the session.');
      } else {
        this.error.set('Connection lost. Reconnecting…');
      }
    });
    socket.on(SERVER_EVENTS.emotion, (update) => this.applyResult(update));
    socket.on(SERVER_EVENTS.recommendation, (rec) => this.applyRecommendation(rec));
    socket.on(SERVER_EVENTS.mood, (update) => this.mood.set(update));
    socket.on(SERVER_EVENTS.error, (error) => this.error.set(errorText(error)));
  }

  private async beginSession(socket: ParticipantSocket, payload: StartSessionPayload): Promise<void> {
    const ack = await settle(socket.emitWithAck(PARTICIPANT_EVENTS.startSession, payload));
    if (socket !== this.socket) return;
    if (!ack.ok) {
      this.stop();
      this.error.set(errorText(ack.error));
      return;
    }
    this.error.set(null);
    this.session.set(ack.data);
    this.latest.set(null);
    this.seq = 0;
    this.phase.set('running');
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.sendFrame(), ack.data.frameIntervalMs);
  }

  /** One tick of the frame loop; skipped while the previous frame awaits its ack, so frames never pile up. */
  private async sendFrame(): Promise<void> {
    const socket = this.socket;
    const frames = this.frames;
    if (this.frameInFlight || !socket?.connected || !frames) return;
    this.frameInFlight = true;
    try {
      const data = await frames();
      // The server would only answer an oversized frame with PAYLOAD_TOO_LARGE.
      if (!data || data.byteLength > MAX_FRAME_BYTES) return;
      const ack = await settle(
        socket.emitWithAck(PARTICIPANT_EVENTS.frame, { seq: this.seq++, mime: 'image/jpeg', data }),
      );
      if (socket !== this.socket) return;
      if (ack.ok) this.applyResult(ack.data);
      else this.frameError.set(errorText(ack.error));
    } finally {
      this.frameInFlight = false;
    }
  }

  private applyResult(result: FrameResult): void {
    // A replaced frame was never analysed, so it says nothing about the face.
    if (result.replaced) return;
    // A frame's ack and its `emotion` event carry the same result; never let an older one win.
    const current = this.latest();
    if (current && result.seq < current.seq) return;
    this.latest.set(result);
    this.frameError.set(result.error ?? null);
  }

  private applyRecommendation(rec: RecommendationEvent): void {
    this.recommendation.set(rec);
    // "Skipped — saved" belongs with the track the skip brought; other new tracks start clean.
    if (rec.trigger !== 'skip') this.feedback.set(null);
  }
}
