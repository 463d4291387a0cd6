import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Namespace } from 'socket.io';
import {
  EmotionUpdate,
  FeedbackEvent,
  FrameRateAdvice,
  MoodUpdate,
  RecommendationEvent,
  SERVER_EVENTS,
} from '@attune/protocol';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import type { OwnedSessionSummary } from '../sessions/session.service';
import { visibleSessions } from '../studies/session-visibility';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Server-side event between instances: the session list changed. */
export const SESSIONS_CHANGED = 'attune:sessions-changed';

/**
 * Fans a session's live events out to its participant and to the researchers watching
 * it (rooms are joined only after an access check). Both namespaces register here.
 */
@Injectable()
export class LiveEventsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveEventsService.name);
  /** Set once shutdown begins: Redis and the database are about to close, nothing more is announced. */
  private closing = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  beforeApplicationShutdown(): void {
    this.closing = true;
  }
  private participants?: Namespace;
  private researchers?: Namespace;

  attachParticipants(ns: Namespace): void {
    this.participants = ns;
  }

  attachResearchers(ns: Namespace): void {
    this.researchers = ns;
  }

  emotion(update: EmotionUpdate): void {
    this.participants?.to(sessionRoom(update.sessionId)).emit(SERVER_EVENTS.emotion, update);
    this.researchers?.to(sessionRoom(update.sessionId)).emit(SERVER_EVENTS.emotion, update);
  }

  mood(update: MoodUpdate): void {
    this.participants?.to(sessionRoom(update.sessionId)).emit(SERVER_EVENTS.mood, update);
    this.researchers?.to(sessionRoom(update.sessionId)).emit(SERVER_EVENTS.mood, update);
  }

  recommendation(event: RecommendationEvent): void {
    this.participants?.to(sessionRoom(event.sessionId)).emit(SERVER_EVENTS.recommendation, event);
    this.researchers?.to(sessionRoom(event.sessionId)).emit(SERVER_EVENTS.recommendation, event);
  }

  /** Researchers only: the participant already has the answer to their own feedback. */
  feedback(event: FeedbackEvent): void {
    this.researchers?.to(sessionRoom(event.sessionId)).emit(SERVER_EVENTS.feedback, event);
  }

  /** Every participant connected to this instance: the frame rate it can carry changed. */
  frameRate(advice: FrameRateAdvice): void {
    this.participants?.emit(SERVER_EVENTS.frameRate, advice);
  }

  /**
   * Sessions started or ended here: every instance (through the Redis adapter, when there is
   * one) re-sends the session list to its own researchers.
   */
  sessionsChanged(): void {
    if (this.closing) return;
    try {
      // Only the Redis adapter carries server-side events; a single instance has no one to tell.
      if (this.config.redisUrl) this.researchers?.serverSideEmit(SESSIONS_CHANGED);
    } catch (err) {
      // Redis gone (shutting down, or an outage): this instance's researchers still get the list.
      this.logger.warn(`could not tell other instances about the session list: ${(err as Error).message}`);
    }
    this.onSessionsChanged?.().catch((err) => this.logger.error(`session list: ${(err as Error).message}`));
  }

  /** The researcher gateway's handler for `sessionsChanged`, here and from other instances. */
  onSessionsChanged?: () => Promise<void>;

  /** Each researcher connected to this instance gets only the sessions they may see. */
  sessions(list: OwnedSessionSummary[]): void {
    for (const socket of this.researchers?.sockets.values() ?? []) {
      const researcher = socket.data.researcher as AuthenticatedResearcher | undefined;
      if (researcher) socket.emit(SERVER_EVENTS.sessions, visibleSessions(researcher, list));
    }
  }
}
