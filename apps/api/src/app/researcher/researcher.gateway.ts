import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  ackError,
  ackOk,
  KNOWN_RESEARCHER_EVENTS,
  NAMESPACES,
  RESEARCHER_EVENTS,
  SERVER_EVENTS,
  watchSessionSchema,
} from '@attune/protocol';
import { AuthenticatedResearcher, AuthService } from '../auth/auth.service';
import { bindEvent, rejectUnknownEvents } from '../socket/bind-event';
import { LiveEventsService, sessionRoom, SESSIONS_CHANGED } from '../socket/live-events.service';
import { SessionService } from '../sessions/session.service';
import { canSeeSession, visibleSessions } from '../studies/session-visibility';

/** Researchers' socket: refused without a valid login token; watching a session needs access to its study. */
@WebSocketGateway({ namespace: NAMESPACES.researcher })
export class ResearcherGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(ResearcherGateway.name);

  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly events: LiveEventsService,
  ) {}

  afterInit(ns: Namespace): void {
    ns.use((socket, next) => {
      this.auth
        .verify(socket.handshake.auth?.['token'])
        .then((researcher) => {
          if (!researcher) return next(new Error('unauthorized'));
          socket.data.researcher = researcher;
          next();
        })
        .catch(() => next(new Error('unauthorized')));
    });
    this.events.attachResearchers(ns);
    const push = async () => this.events.sessions(await this.sessions.summaries());
    this.events.onSessionsChanged = push;
    ns.on(
      SESSIONS_CHANGED,
      () => void push().catch((err) => this.logger.error(`session list: ${(err as Error).message}`)),
    );
  }

  async handleConnection(socket: Socket): Promise<void> {
    const researcher = socket.data.researcher as AuthenticatedResearcher;
    rejectUnknownEvents(socket, KNOWN_RESEARCHER_EVENTS);
    bindEvent(
      socket,
      RESEARCHER_EVENTS.watch,
      watchSessionSchema,
      async ({ sessionId }) => {
        const owner = await this.sessions.ownerOf(sessionId);
        if (owner === undefined || !canSeeSession(researcher, owner))
          return ackError('NOT_FOUND', `no session ${sessionId}`);
        await socket.join(sessionRoom(sessionId));
        return ackOk({
          samples: await this.sessions.storedSamples(sessionId),
          current: this.sessions.get(sessionId)?.current ?? null,
        });
      },
      this.logger,
    );
    bindEvent(
      socket,
      RESEARCHER_EVENTS.unwatch,
      watchSessionSchema,
      async ({ sessionId }) => {
        await socket.leave(sessionRoom(sessionId));
        return ackOk({ sessionId });
      },
      this.logger,
    );
    socket.emit(SERVER_EVENTS.sessions, visibleSessions(researcher, await this.sessions.summaries()));
  }
}
