import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  NAMESPACES,
  RESEARCHER_EVENTS,
  SERVER_EVENTS,
  type AffectEstimate,
  type AffectSampleDto,
  type EmotionDistribution,
  type EmotionUpdate,
  type FeedbackEvent,
  type MoodUpdate,
  type RecommendationEvent,
  type ResearcherClientToServer,
  type ResearcherServerToClient,
  type SessionSummary,
} from '@attune/protocol';
import type { Socket } from 'socket.io-client';
import { errorText, settle } from '../core/ack';
import { ACK_TIMEOUT_MS, SOCKET_FACTORY } from '../core/socket.token';
import { ResearcherAuth } from './auth/researcher-auth.service';

type ResearcherSocket = Socket<ResearcherServerToClient, ResearcherClientToServer>;

/** connecting until the first connect; offline while socket.io reconnects after having been online. */
export type ResearcherStatus = 'idle' | 'connecting' | 'online' | 'offline';

export interface TimelinePoint {
  /** Epoch milliseconds (server clock). */
  at: number;
  distribution: EmotionDistribution;
}

/** One estimate of one modality (or the fused state) on the valence/arousal plane. */
export interface ModalityPoint {
  at: number;
  modality: AffectEstimate['modality'];
  valence: number;
  arousal: number;
  label: string;
  confidence: number;
}

/** Something that happened in the session, drawn as a marker on its timeline. */
export interface TimelineMarker {
  at: number;
  kind: 'track' | 'feedback';
  label: string;
}

/** At one point per 500 ms frame, five minutes of a session: enough to read a trend, bounded in memory. */
export const MAX_TIMELINE_POINTS = 600;
/** Four series (face, voice, text, fused) of the same five minutes. */
export const MAX_MODALITY_POINTS = 4 * MAX_TIMELINE_POINTS;

/** Live dashboard state: the session list and the watched session's timelines and track, as signals. */
@Injectable()
export class ResearcherSessionService {
  private readonly openSocket = inject(SOCKET_FACTORY);
  private readonly auth = inject(ResearcherAuth);

  readonly status = signal<ResearcherStatus>('idle');
  readonly error = signal<string | null>(null);
  /** Live sessions first, newest first within each group. */
  readonly sessions = signal<readonly SessionSummary[]>([]);
  /** True once the server sent the first session list. */
  readonly listed = signal(false);
  readonly selectedId = signal<string | null>(null);
  readonly selected = computed(() => this.sessions().find((s) => s.id === this.selectedId()) ?? null);
  /** Face emotion probabilities of the watched session. */
  readonly timeline = signal<readonly TimelinePoint[]>([]);
  /** Valence/arousal of every modality and of the fused state. */
  readonly modalities = signal<readonly ModalityPoint[]>([]);
  readonly markers = signal<readonly TimelineMarker[]>([]);
  readonly currentTrack = signal<RecommendationEvent | null>(null);

  private socket: ResearcherSocket | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.closeSocket());
  }

  /** Opens the live connection with the researcher's token. */
  connect(): void {
    const token = this.auth.token();
    this.closeSocket();
    if (!token) return;
    this.error.set(null);
    this.status.set('connecting');
    const socket: ResearcherSocket = this.openSocket(NAMESPACES.researcher, {
      auth: { token },
      ackTimeout: ACK_TIMEOUT_MS,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.status.set('online');
      this.error.set(null);
      // Rooms do not survive a reconnect: join the watched session again.
      const watched = this.selectedId();
      if (watched) void this.watch(watched);
    });
    socket.on('connect_error', (err) => {
      if (err.message === 'unauthorized') return this.signedOut();
      if (this.status() === 'online') this.status.set('offline');
      this.error.set('Cannot reach the server. Retrying…');
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.status.set('offline');
      this.error.set('Connection lost. Reconnecting…');
    });
    socket.on(SERVER_EVENTS.sessions, (list) => {
      this.sessions.set(sortSessions(list));
      this.listed.set(true);
    });
    socket.on(SERVER_EVENTS.emotion, (update) => this.appendFace(update));
    socket.on(SERVER_EVENTS.mood, (update) => this.appendMood(update));
    socket.on(SERVER_EVENTS.recommendation, (rec) => {
      if (rec.sessionId !== this.selectedId()) return;
      this.currentTrack.set(rec);
      this.markers.update((m) => [...m, trackMarker(rec)]);
    });
    socket.on(SERVER_EVENTS.feedback, (feedback) => {
      if (feedback.sessionId !== this.selectedId()) return;
      this.markers.update((m) => [...m, feedbackMarker(feedback)]);
    });
    socket.on(SERVER_EVENTS.error, (error) => {
      // An open connection whose token expired or was revoked: the server closes it next.
      if (error.code === 'UNAUTHORIZED') return this.signedOut();
      this.error.set(errorText(error));
    });
  }

  disconnect(): void {
    this.closeSocket();
    this.status.set('idle');
  }

  private signedOut(): void {
    const message = 'Your sign-in has expired or was revoked. Please sign in again.';
    this.closeSocket();
    this.status.set('idle');
    this.auth.forget(message);
    this.error.set(message);
  }

  async select(sessionId: string): Promise<void> {
    const previous = this.selectedId();
    if (previous === sessionId) return;
    this.selectedId.set(sessionId);
    this.timeline.set([]);
    this.modalities.set([]);
    this.markers.set([]);
    this.currentTrack.set(null);
    if (previous)
      void this.socket?.emitWithAck(RESEARCHER_EVENTS.unwatch, { sessionId: previous }).catch(() => undefined);
    await this.watch(sessionId);
  }

  private async watch(sessionId: string): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    const ack = await settle(socket.emitWithAck(RESEARCHER_EVENTS.watch, { sessionId }));
    if (socket !== this.socket || this.selectedId() !== sessionId) return;
    if (!ack.ok) {
      this.error.set(errorText(ack.error));
      return;
    }
    const current = ack.data.current;
    if (current) {
      this.currentTrack.set(current);
      if (!this.markers().some((m) => m.at === current.at)) this.markers.update((m) => [trackMarker(current), ...m]);
    }
    const faces = ack.data.samples.filter((s) => s.modality === 'face');
    const history = faces.map((s) => ({ at: s.at, distribution: s.distribution }));
    const covered = history.length ? history[history.length - 1].at : -Infinity;
    // Live events can arrive between joining the room and this ack; keep those the history misses.
    this.timeline.update((live) => capped([...history, ...live.filter((p) => p.at > covered)], MAX_TIMELINE_POINTS));
    const stored = ack.data.samples.map(sampleToPoint);
    const storedUntil = stored.length ? stored[stored.length - 1].at : -Infinity;
    this.modalities.update((live) =>
      capped([...stored, ...live.filter((p) => p.at > storedUntil)], MAX_MODALITY_POINTS),
    );
  }

  private appendFace(update: EmotionUpdate): void {
    const estimate = update.estimate;
    if (update.sessionId !== this.selectedId() || !estimate) return;
    const point = { at: update.at, distribution: estimate.distribution };
    this.timeline.update((points) => capped([...points, point], MAX_TIMELINE_POINTS));
    this.modalities.update((points) => capped([...points, estimatePoint(update.at, estimate)], MAX_MODALITY_POINTS));
  }

  private appendMood(update: MoodUpdate): void {
    if (update.sessionId !== this.selectedId()) return;
    // Face estimates already arrive as emotion events; voice and text only come through here.
    const added = [
      ...(update.estimate.modality === 'face' ? [] : [estimatePoint(update.at, update.estimate)]),
      ...(update.fused ? [estimatePoint(update.at, { ...update.fused, modality: 'fused' })] : []),
    ];
    if (added.length) this.modalities.update((points) => capped([...points, ...added], MAX_MODALITY_POINTS));
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.disconnect();
  }
}

function estimatePoint(at: number, e: AffectEstimate): ModalityPoint {
  return { at, modality: e.modality, valence: e.valence, arousal: e.arousal, label: e.label, confidence: e.confidence };
}

export function sampleToPoint(s: AffectSampleDto): ModalityPoint {
  return {
    at: s.at,
    modality: s.modality,
    valence: s.valence,
    arousal: s.arousal,
    label: s.label,
    confidence: s.confidence,
  };
}

function trackMarker(rec: RecommendationEvent): TimelineMarker {
  return { at: rec.at, kind: 'track', label: `${rec.track.title} (${rec.trigger})` };
}

/** Like the replay's feedback markers: the kind, and a rating's value. */
function feedbackMarker(feedback: FeedbackEvent): TimelineMarker {
  const label = feedback.value !== undefined ? `${feedback.kind} ${feedback.value}` : feedback.kind;
  return { at: feedback.at, kind: 'feedback', label };
}

function capped<T>(points: T[], max: number): T[] {
  return points.length > max ? points.slice(-max) : points;
}

function sortSessions(list: SessionSummary[]): SessionSummary[] {
  return [...list].sort((a, b) => Number(b.live) - Number(a.live) || Date.parse(b.startedAt) - Date.parse(a.startedAt));
}
