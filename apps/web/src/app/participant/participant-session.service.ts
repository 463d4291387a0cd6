import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  GREY_CROP_MIME,
  MAX_CROP_BYTES,
  MAX_FRAME_BYTES,
  NAMESPACES,
  PARTICIPANT_EVENTS,
  RETRYABLE_ERROR_CODES,
  SERVER_EVENTS,
  type AudioFeaturesPayload,
  type FeedbackKind,
  type AffectEstimate,
  type Emotion,
  type FaceBox,
  type FaceEstimatePayload,
  type FaceMode,
  type FramePayload,
  type FrameResult,
  type SelfReportPayload,
  type SelfReportStored,
  type Ack,
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
import { EVENT_OUTBOX, type OutboxEvent, type OutboxSend } from '../core/event-outbox';
import { SESSION_STORAGE } from '../core/session-storage.token';

/** This tab's session, resumable after a reconnect or a reload (the server's resume token). */
const RESUME_KEY = 'attune.resume';

type ParticipantSocket = Socket<ParticipantServerToClient, ParticipantClientToServer>;

/** Encodes the current camera picture; resolves null while there is none, never rejects. */
export type FrameSource = () => Promise<Uint8Array | null>;

/** Edge mode: runs the face model in the browser on the current picture; null while there is none. */
export type EdgeAnalyser = () => Promise<Omit<FaceEstimatePayload, 'seq'> | null>;
/** Crop mode: the browser's detector finds the face; only its crop is sent (null: no picture yet). */
export type FaceCropper = () => Promise<{ faces: number; box: FaceBox | null; data: Uint8Array | null } | null>;

export type SamPhase = SelfReportPayload['phase'];
export type SamRatings = Pick<SelfReportPayload, 'valence' | 'arousal' | 'dominance'>;

/** The answer to one request from the mood panel: pending, its result, or why it failed. */
export type RequestStatus<T> = { state: 'sending' } | { state: 'done'; value: T } | { state: 'failed'; error: string };

export type MoodGoal = MoodGoalPayload['goal'];

export type SessionPhase = 'idle' | 'starting' | 'running' | 'ended';

export interface FeedbackStatus {
  kind: FeedbackKind;
  /** 'queued': kept on this device, sent again once the server is reachable. */
  state: 'saving' | 'saved' | 'queued' | 'failed';
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
  private readonly outbox = inject(EVENT_OUTBOX);
  private readonly storage = inject(SESSION_STORAGE);

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
  /** The participant's own mood choice (null: cleared); the fused mood yields to it while set. */
  readonly override = signal<RequestStatus<AffectEstimate | null> | null>(null);
  readonly selfReports = signal<Partial<Record<SamPhase, RequestStatus<string>>>>({});
  /** A demo session may analyse the face in the browser; a study decides by itself. */
  readonly edgeWanted = signal(false);
  /** Where the face model runs in this session; 'edge' sends estimates, never a frame. */
  readonly faceMode = computed<FaceMode>(() =>
    this.session()?.faceMode === 'edge' || this.edgeWanted() ? 'edge' : 'server',
  );

  private socket: ParticipantSocket | null = null;
  private frames: FrameSource | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;
  private frameInFlight = false;
  private seq = 0;
  private edge: EdgeAnalyser | null = null;
  private cropper: FaceCropper | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
    void this.deliverAfterReload();
  }

  /**
   * After a reload, events the last page could not deliver go out at once: a short-lived socket
   * resumes the session (it stays resumable for the server's grace period) and sends them.
   */
  private async deliverAfterReload(): Promise<void> {
    const resume = this.resumable();
    if (!resume || !(await this.outbox.pending(resume.sessionId)).length) return;
    const socket: ParticipantSocket = this.openSocket(NAMESPACES.participant, { ackTimeout: ACK_TIMEOUT_MS });
    let once = false;
    socket.on('connect', async () => {
      if (once) return;
      once = true;
      const ack = await settle(socket.emitWithAck(PARTICIPANT_EVENTS.startSession, { resumeToken: resume.token }));
      if (ack.ok) await this.outbox.flush(resume.sessionId, this.sender(socket));
      else if (ack.error.code === 'NOT_FOUND') await this.outbox.discardSession(resume.sessionId);
      if (socket !== this.socket) socket.disconnect();
    });
  }

  /** `useCamera: false`: the participant did not consent to the camera, so it is never opened. */
  async start(frames: FrameSource, payload: StartSessionPayload = {}, useCamera = true): Promise<void> {
    if (this.phase() === 'starting' || this.phase() === 'running') return;
    this.error.set(null);
    this.phase.set('starting');
    if (!useCamera) {
      this.frames = null;
      this.connect(payload);
      return;
    }
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
    this.override.set(null);
    this.selfReports.set({});
    this.edge = null;
    this.cropper = null;
    this.edgeWanted.set(false);
    if (this.phase() !== 'idle') this.phase.set('ended');
  }

  /** `value`: the 1-5 rating (kind 'rating'); `listenedSec`: how much was heard before a skip. */
  async sendFeedback(kind: FeedbackKind, value?: number, listenedSec?: number): Promise<void> {
    const rec = this.recommendation();
    const socket = this.socket;
    if (!rec || !socket || this.feedback()?.state === 'saving') return;
    const payload = {
      clientEventId: crypto.randomUUID(),
      recommendationId: rec.recommendationId,
      kind,
      ...(value !== undefined ? { value } : {}),
      ...(listenedSec !== undefined ? { listenedSec } : {}),
    };
    this.feedback.set({ kind, state: 'saving' });
    const ack = await this.outbox.send(
      {
        id: payload.clientEventId,
        sessionId: rec.sessionId,
        queuedAt: Date.now(),
        event: PARTICIPANT_EVENTS.feedback,
        payload,
      },
      this.sender(socket),
    );
    if (socket !== this.socket) return;
    this.feedback.set(
      ack.ok
        ? { kind, state: 'saved' }
        : {
            kind,
            state: RETRYABLE_ERROR_CODES.includes(ack.error.code) ? 'queued' : 'failed',
            error: errorText(ack.error),
          },
    );
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

  /** "This is how I feel" (null clears it): the server plays music for it until it is cleared. */
  async overrideMood(emotion: Emotion | null): Promise<void> {
    const socket = this.socket;
    if (!socket || !this.session()) return;
    this.override.set({ state: 'sending' });
    const ack = await settle(socket.emitWithAck(PARTICIPANT_EVENTS.moodOverride, { emotion }));
    if (socket !== this.socket) return;
    this.override.set(
      ack.ok ? { state: 'done', value: ack.data.override } : { state: 'failed', error: errorText(ack.error) },
    );
  }

  /** SAM self-report before or after the music; resends once with the same id when unanswered. */
  async sendSelfReport(phase: SamPhase, ratings: SamRatings): Promise<boolean> {
    const socket = this.socket;
    if (!socket || !this.session()) return false;
    const payload: SelfReportPayload = { clientEventId: crypto.randomUUID(), phase, ...ratings };
    this.selfReports.update((r) => ({ ...r, [phase]: { state: 'sending' } }));
    const sessionId = this.session()?.sessionId ?? '';
    const ack = (await this.outbox.send(
      { id: payload.clientEventId, sessionId, queuedAt: Date.now(), event: PARTICIPANT_EVENTS.selfReport, payload },
      this.sender(socket),
    )) as Ack<SelfReportStored>;
    if (socket !== this.socket) return false;
    this.selfReports.update((r) => ({
      ...r,
      [phase]: ack.ok
        ? { state: 'done', value: ack.data.selfReportId }
        : { state: 'failed', error: errorText(ack.error) },
    }));
    return ack.ok;
  }

  /** Ends the session on the server at once (not as an interruption), then stops everything here. */
  async endSession(): Promise<void> {
    const socket = this.socket;
    const session = this.session();
    if (socket?.connected && session) {
      // Whatever is still queued belongs to this session: deliver it while the session exists.
      await this.outbox.flush(session.sessionId, this.sender(socket));
      await settle(socket.emitWithAck(PARTICIPANT_EVENTS.endSession, {}));
    }
    this.storage.removeItem(RESUME_KEY);
    this.stop();
  }

  /** Crop mode's face cropper, once the detector has loaded (null: whole frames are sent). */
  setFaceCropper(cropper: FaceCropper | null): void {
    this.cropper = cropper;
  }

  /** Edge mode's analyser, once its model has loaded (null: none yet, no face data is sent). */
  setEdgeAnalyser(analyser: EdgeAnalyser | null): void {
    this.edge = analyser;
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
    socket.on(SERVER_EVENTS.frameRate, (advice) => {
      if (this.phase() === 'running') this.startFrameLoop(advice.frameIntervalMs);
    });
  }

  private async beginSession(socket: ParticipantSocket, payload: StartSessionPayload): Promise<void> {
    // After a reconnect or a reload this tab continues its session, so queued events still belong to it.
    // A session of another participant code (a different join link in this tab) is not resumed.
    const saved = this.resumable();
    const resume =
      saved && (!payload.participantCode || payload.participantCode === saved.participantCode) ? saved : null;
    let ack = await settle(
      socket.emitWithAck(PARTICIPANT_EVENTS.startSession, resume ? { ...payload, resumeToken: resume.token } : payload),
    );
    if (resume && !ack.ok && ack.error.code === 'NOT_FOUND' && socket === this.socket) {
      // That session is over for good: nothing can deliver its queued events any more.
      this.storage.removeItem(RESUME_KEY);
      await this.outbox.discardSession(resume.sessionId);
      ack = await settle(socket.emitWithAck(PARTICIPANT_EVENTS.startSession, payload));
    }
    if (socket !== this.socket) return;
    if (ack.ok) {
      const { resumeToken: token, sessionId, participantCode } = ack.data;
      this.storage.setItem(RESUME_KEY, JSON.stringify({ token, sessionId, participantCode }));
      void this.outbox.flush(ack.data.sessionId, this.sender(socket));
    }
    if (!ack.ok) {
      this.stop();
      this.error.set(errorText(ack.error));
      return;
    }
    this.error.set(null);
    this.session.set(ack.data);
    if (ack.data.current && !this.recommendation()) this.applyRecommendation(ack.data.current);
    this.latest.set(null);
    this.seq = 0;
    this.phase.set('running');
    this.startFrameLoop(ack.data.frameIntervalMs);
  }

  /** Frames every `intervalMs`; the server changes the interval with `frame-rate` as its load changes. */
  private startFrameLoop(intervalMs: number): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.sendFrame(), intervalMs);
  }

  /** One tick of the frame loop; skipped while the previous frame awaits its ack, so frames never pile up. */
  private async sendFrame(): Promise<void> {
    const socket = this.socket;
    const frames = this.frames;
    if (this.frameInFlight || !socket?.connected || !frames) return;
    // Edge mode never sends a picture: only the browser model's estimate, once that model is ready.
    if (this.faceMode() === 'edge') {
      if (this.edge) await this.sendEdgeEstimate(socket, this.edge);
      return;
    }
    this.frameInFlight = true;
    try {
      const payload = this.cropper ? await this.cropPayload(this.cropper) : await this.framePayload(frames);
      if (!payload) return;
      const ack = await settle(socket.emitWithAck(PARTICIPANT_EVENTS.frame, payload));
      if (socket !== this.socket) return;
      if (ack.ok) this.applyResult(ack.data);
      else this.frameError.set(errorText(ack.error));
    } finally {
      this.frameInFlight = false;
    }
  }

  private async framePayload(frames: FrameSource): Promise<FramePayload | null> {
    const data = await frames();
    // The server would only answer an oversized frame with PAYLOAD_TOO_LARGE.
    if (!data || data.byteLength > MAX_FRAME_BYTES) return null;
    return { seq: this.seq++, mime: 'image/jpeg', data };
  }

  /** The face crop as the frame; no face here means nothing to send, and the page says so at once. */
  private async cropPayload(cropper: FaceCropper): Promise<FramePayload | null> {
    let found;
    try {
      found = await cropper();
    } catch {
      this.cropper = null; // the browser model failed: whole frames from the next tick on
      return null;
    }
    if (!found) return null;
    if (!found.data || !found.box) {
      this.applyResult({ seq: this.seq++, faces: found.faces, estimate: null, box: null });
      return null;
    }
    if (found.data.byteLength > MAX_CROP_BYTES) return null;
    return { seq: this.seq++, mime: GREY_CROP_MIME, data: found.data, crop: found.box };
  }

  private async sendEdgeEstimate(socket: ParticipantSocket, analyse: EdgeAnalyser): Promise<void> {
    this.frameInFlight = true;
    try {
      const estimate = await analyse();
      if (!estimate || socket !== this.socket) return;
      const ack = await settle(socket.emitWithAck(PARTICIPANT_EVENTS.faceEstimate, { seq: this.seq++, ...estimate }));
      if (socket !== this.socket) return;
      if (ack.ok) this.applyResult(ack.data);
      else this.frameError.set(errorText(ack.error));
    } catch {
      this.frameError.set('The face model in your browser failed on this picture.');
    } finally {
      this.frameInFlight = false;
    }
  }

  /** Emits an outbox event; resends once at once when unanswered (the server stores each id once). */
  private sender(socket: ParticipantSocket): OutboxSend {
    return async ({ event, payload }: OutboxEvent) => {
      const emit = () =>
        settle<unknown>(
          event === PARTICIPANT_EVENTS.feedback
            ? socket.emitWithAck(PARTICIPANT_EVENTS.feedback, payload)
            : socket.emitWithAck(PARTICIPANT_EVENTS.selfReport, payload),
        );
      const ack = await emit();
      return !ack.ok && ack.error === NO_ANSWER && socket.connected ? emit() : ack;
    };
  }

  private resumable(): { token: string; sessionId: string; participantCode: string } | null {
    try {
      const saved = JSON.parse(this.storage.getItem(RESUME_KEY) ?? 'null') as Record<string, unknown> | null;
      return typeof saved?.['token'] === 'string' && typeof saved['sessionId'] === 'string'
        ? { token: saved['token'], sessionId: saved['sessionId'], participantCode: String(saved['participantCode']) }
        : null;
    } catch {
      return null;
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
