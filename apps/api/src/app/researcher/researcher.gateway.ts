import { BeforeApplicationShutdown, Inject, Logger } from '@nestjs/common';
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
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { bindEvent, rejectUnknownEvents } from '../socket/bind-event';
import { LiveEventsService, sessionRoom, SESSIONS_CHANGED } from '../socket/live-events.service';
import { SessionService } from '../sessions/session.service';
import { canSeeSession, visibleSessions } from '../studies/session-visibility';
import { refuseSignedOut, TOKEN_CHECK_EVENT } from './signed-out';

/**
 * Researchers' socket: refused without a valid login token; watching a session needs access to
 * its study. The token is checked again before every event and every `researcherTokenCheckMs`,
 * so an expired, rotated or signed-out token closes an open dashboard connection too.
 */
@WebSocketGateway({ namespace: NAMESPACES.researcher })
export class ResearcherGateway implements OnGatewayInit, OnGatewayConnection, BeforeApplicationShutdown {
  private readonly logger = new Logger(ResearcherGateway.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly events: LiveEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  afterInit(ns: Namespace): void {
    ns.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.['token'];
      this.auth
        .verify(token)
        .then((researcher) => {
          if (!researcher) return next(new Error('unauthorized'));
          socket.data.researcher = researcher;
          socket.data.token = token;
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
    let checking = false;
    this.timer = setInterval(() => {
      if (checking) return;
      checking = true;
      void this.recheckAll(ns).finally(() => (checking = false));
    }, this.config.researcherTokenCheckMs);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async handleConnection(socket: Socket): Promise<void> {
    rejectUnknownEvents(socket, KNOWN_RESEARCHER_EVENTS);
    socket.use((packet, next) => {
      const [event, ...args] = packet as unknown[];
      this.stillSignedIn(socket)
        .then((ok) => (ok ? next() : refuseSignedOut(socket, String(event), args)))
        .catch((err) => {
          // The database is away: the token cannot be checked now, so the event is not run either.
          this.logger.warn(`token check failed: ${(err as Error).message}`);
          const ack = args[args.length - 1];
          if (typeof ack === 'function') ack(ackError('UNAVAILABLE', 'cannot check your sign-in now; retry later'));
        });
    });
    bindEvent(
      socket,
      RESEARCHER_EVENTS.watch,
      watchSessionSchema,
      async ({ sessionId }) => {
        const owner = await this.sessions.ownerOf(sessionId);
        if (owner === undefined || !canSeeSession(this.researcherOf(socket), owner))
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
    // During a database outage the list waits for the next session change (an uncaught rejection here
    // would reach the process).
    try {
      socket.emit(SERVER_EVENTS.sessions, visibleSessions(this.researcherOf(socket), await this.sessions.summaries()));
    } catch (err) {
      this.logger.warn(`session list for a new researcher socket: ${(err as Error).message}`);
    }
  }

  private researcherOf(socket: Socket): AuthenticatedResearcher {
    return socket.data.researcher as AuthenticatedResearcher;
  }

  /** Re-reads the token: false once it expired or was revoked; keeps the researcher's role current. */
  private async stillSignedIn(socket: Socket): Promise<boolean> {
    const researcher = await this.auth.verify(socket.data.token);
    if (researcher) socket.data.researcher = researcher;
    return researcher !== null;
  }

  /** The periodic check of this instance's researcher sockets; a database outage skips a round. */
  private async recheckAll(ns: Namespace): Promise<void> {
    for (const socket of [...ns.sockets.values()]) {
      try {
        if (!(await this.stillSignedIn(socket))) refuseSignedOut(socket, TOKEN_CHECK_EVENT, []);
      } catch (err) {
        this.logger.warn(`periodic token check failed: ${(err as Error).message}`);
        return;
      }
    }
  }
}
