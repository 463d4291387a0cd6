import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { EmotionUpdate, MoodUpdate, RecommendationEvent, SERVER_EVENTS } from '@attune/protocol';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import type { OwnedSessionSummary } from '../sessions/session.service';
import { visibleSessions } from '../studies/session-visibility';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Fans a session's live events out to its participant and to the researchers watching
 * it (rooms are joined only after an access check). Both namespaces register here.
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

  mood(update: MoodUpdate): void {
    this.participants?.to(sessionRoom(update.sessionId)).emit(SERVER_EVENTS.mood, update);
    this.researchers?.to(sessionRoom(update.sessionId)).emit(SERVER_EVENTS.mood, update);
  }

  recommendation(event: RecommendationEvent): void {
    this.participants?.to(sessionRoom(event.sessionId)).emit(SERVER_EVENTS.recommendation, event);
    this.researchers?.to(sessionRoom(event.sessionId)).emit(SERVER_EVENTS.recommendation, event);
  }

  /** Each researcher gets only the sessions they may see. */
  sessions(list: OwnedSessionSummary[]): void {
    for (const socket of this.researchers?.sockets.values() ?? []) {
      const researcher = socket.data.researcher as AuthenticatedResearcher | undefined;
      if (researcher) socket.emit(SERVER_EVENTS.sessions, visibleSessions(researcher, list));
    }
  }
}
