import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { EmotionUpdate, RecommendationEvent, SERVER_EVENTS, SessionSummary } from '@attune/protocol';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Fans a session's live events out to its participant and to the researchers watching
 * it. Both namespaces register here when their gateway starts.
 */
@Injectable()
export class LiveEventsService {
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

  recommendation(event: RecommendationEvent): void {
    this.participants?.to(sessionRoom(event.sessionId)).emit(SERVER_EVENTS.recommendation, event);
    this.researchers?.to(sessionRoom(event.sessionId)).emit(SERVER_EVENTS.recommendation, event);
  }

  sessions(list: SessionSummary[]): void {
    this.researchers?.emit(SERVER_EVENTS.sessions, list);
  }
}
