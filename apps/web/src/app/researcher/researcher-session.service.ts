import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import {
  NAMESPACES,
  RESEARCHER_EVENTS,
  SERVER_EVENTS,
  type EmotionDistribution,
  type EmotionUpdate,
  type RecommendationEvent,
  type ResearcherClientToServer,
  type ResearcherServerToClient,
  type SessionSummary,
} from '@attune/protocol';
import type { Socket } from 'socket.io-client';
import { errorText, settle } from '../core/ack';
import { LoginApi } from '../core/login-api';
import { SESSION_STORAGE } from '../core/session-storage.token';
import { ACK_TIMEOUT_MS, SOCKET_FACTORY } from '../core/socket.token';

type ResearcherSocket = Socket<ResearcherServerToClient, ResearcherClientToServer>;

/** signing-in until the first connect; offline while socket.io reconnects after having been online. */
export type ResearcherStatus = 'signed-out' | 'signing-in' | 'online' | 'offline';

export interface TimelinePoint {
  /** Epoch milliseconds (server clock). */
  at: number;
  distribution: EmotionDistribution;
}

/** At one point per 500 ms frame, five minutes of a session: enough to read a trend, bounded in memory. */
export const MAX_TIMELINE_POINTS = 600;

export const RESEARCHER_TOKEN_ITEM = 'attune.researcherToken';

/** Live dashboard state: the session list and the watched session's timeline and track, as signals. */
@Injectable()
export class ResearcherSessionService {
  private readonly openSocket = inject(SOCKET_FACTORY);
  private readonly storage = inject(SESSION_STORAGE);
  private readonly loginApi = inject(LoginApi);

  readonly status = signal<ResearcherStatus>('signed-out');
  readonly error = signal<string | null>(null);
  /** Live sessions first, newest first within each group. */
  readonly sessions = signal<readonly SessionSummary[]>([]);
  readonly selectedId = signal<string | null>(null);
  readonly selected = computed(() => this.sessions().find((s) => s.id === this.selectedId()) ?? null);
  readonly timeline = signal<readonly TimelinePoint[]>([]);
  readonly currentTrack = signal<RecommendationEvent | null>(null);

  private socket: ResearcherSocket | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.closeSocket());
  }

  storedToken(): string | null {
    return this.storage.getItem(RESEARCHER_TOKEN_ITEM);
  }

  /** Signs in with e-mail and password, then opens the live connection with the token. */
  async signIn(email: string, password: string): Promise<void> {
    this.error.set(null);
    this.status.set('signing-in');
    const result = await this.loginApi.login(email, password);
    if (!result.ok) {
      this.status.set('signed-out');
      this.error.set(result.message);
      return;
    }
    this.connect(result.token);
  }

  connect(token: string): void {
    this.closeSocket();
    this.error.set(null);
    this.status.set('signing-in');
    const socket: ResearcherSocket = this.openSocket(NAMESPACES.researcher, {
      auth: { token },
      ackTimeout: ACK_TIMEOUT_MS,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.status.set('online');
      this.error.set(null);
      this.storage.setItem(RESEARCHER_TOKEN_ITEM, token);
      // Rooms do not survive a reconnect: join the watched session again.
      const watched = this.selectedId();
      if (watched) void this.watch(watched);
    });
    socket.on('connect_error', (err) => {
      if (err.message === 'unauthorized') {
        this.signOut();
        this.error.set('Your sign-in has expired or was revoked. Please sign in again.');
        return;
      }
      if (this.status() === 'online') this.status.set('offline');
      this.error.set('Cannot reach the server. Retrying…');
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') return;
      this.status.set('offline');
      this.error.set('Connection lost. Reconnecting…');
    });
    socket.on(SERVER_EVENTS.sessions, (list) => this.sessions.set(sortSessions(list)));
    socket.on(SERVER_EVENTS.emotion, (update) => this.appendLive(update));
    socket.on(SERVER_EVENTS.recommendation, (rec) => {
      if (rec.sessionId === this.selectedId()) this.currentTrack.set(rec);
    });
    socket.on(SERVER_EVENTS.error, (error) => this.error.set(errorText(error)));
  }

  signOut(): void {
    this.closeSocket();
    this.storage.removeItem(RESEARCHER_TOKEN_ITEM);
    this.status.set('signed-out');
    this.error.set(null);
    this.sessions.set([]);
    this.selectedId.set(null);
    this.timeline.set([]);
    this.currentTrack.set(null);
  }

  async select(sessionId: string): Promise<void> {
    const previous = this.selectedId();
    if (previous === sessionId) return;
    this.selectedId.set(sessionId);
    this.timeline.set([]);
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
    if (ack.data.current) this.currentTrack.set(ack.data.current);
    const history = ack.data.samples.map((s) => ({ at: s.at, distribution: s.distribution }));
    const covered = history.length ? history[history.length - 1].at : -Infinity;
    // Live events can arrive between joining the room and this ack; keep those the history misses.
    this.timeline.update((live) => capped([...history, ...live.filter((p) => p.at > covered)]));
  }

  private appendLive(update: EmotionUpdate): void {
    if (update.sessionId !== this.selectedId() || !update.estimate) return;
    const point = { at: update.at, distribution: update.estimate.distribution };
    this.timeline.update((points) => capped([...points, point]));
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = null;
    socket?.disconnect();
  }
}

function capped(points: TimelinePoint[]): TimelinePoint[] {
  return points.length > MAX_TIMELINE_POINTS ? points.slice(-MAX_TIMELINE_POINTS) : points;
}

function sortSessions(list: SessionSummary[]): SessionSummary[] {
  return [...list].sort((a, b) => Number(b.live) - Number(a.live) || Date.parse(b.startedAt) - Date.parse(a.startedAt));
}
