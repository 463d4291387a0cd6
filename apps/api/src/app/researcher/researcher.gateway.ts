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
import { bindEvent, rejectUnknownEvents } from '../socket/bind-event';
import { LiveEventsService, sessionRoom } from '../socket/live-events.service';
import { SessionService } from '../sessions/session.service';
import { ResearcherKeyService } from './researcher-key.service';

/** Researchers' socket: refused without the key; watching a session joins its room. */
@WebSocketGateway({ namespace: NAMESPACES.researcher })
export class ResearcherGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(ResearcherGateway.name);

  constructor(
    private readonly keys: ResearcherKeyService,
    private readonly sessions: SessionService,
    private readonly events: LiveEventsService,
  ) {}

  afterInit(ns: Namespace): void {
    ns.use((socket, next) =>
      this.keys.matches(socket.handshake.auth?.['key']) ? next() : next(new Error('unauthorized')),
    );
    this.events.attachResearchers(ns);
  }

  async handleConnection(socket: Socket): Promise<void> {
    rejectUnknownEvents(socket, KNOWN_RESEARCHER_EVENTS);
    bindEvent(
      socket,
      RESEARCHER_EVENTS.watch,
      watchSessionSchema,
      async ({ sessionId }) => {
        if (!(await this.sessions.exists(sessionId))) return ackError('NOT_FOUND', `no session ${sessionId}`);
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
    socket.emit(SERVER_EVENTS.sessions, await this.sessions.summaries());
  }
}
