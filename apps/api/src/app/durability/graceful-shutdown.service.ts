import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import { SERVER_EVENTS, ServerClosing } from '@attune/protocol';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * Graceful shutdown of the socket side (SIGTERM → app.close()): first of all close hooks,
 * it refuses new connections and new events (UNAVAILABLE), waits up to SHUTDOWN_DRAIN_SEC
 * for events being handled, tells every socket why it is closed, and closes it. Sessions are
 * ended and the event buffer flushed afterwards (beforeApplicationShutdown), while the
 * database is still open; it closes last.
 */
@Injectable()
export class GracefulShutdownService implements OnModuleDestroy {
  private readonly logger = new Logger(GracefulShutdownService.name);
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly namespaces: Namespace[] = [];
  private closing = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get accepting(): boolean {
    return !this.closing;
  }

  /** Refuses new connections of the namespace once shutdown began; its sockets are closed with a reason. */
  attach(ns: Namespace): void {
    this.namespaces.push(ns);
    ns.use((_socket, next) => (this.closing ? next(new Error('the server is shutting down; retry shortly')) : next()));
  }

  /** Runs one event handler, counted so shutdown can wait for it. */
  track<T>(work: () => Promise<T>): Promise<T> {
    const run = work();
    this.inFlight.add(run);
    const forget = () => this.inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    if (this.inFlight.size) {
      this.logger.log(`shutting down: waiting for ${this.inFlight.size} event(s) in flight`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), this.config.shutdownDrainMs);
      });
      const done = await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
      clearTimeout(timer);
      if (done === 'timeout') this.logger.warn(`shutting down with ${this.inFlight.size} event(s) still in flight`);
    }
    const notice: ServerClosing = {
      reason: 'shutdown',
      message: 'The server is restarting. Your session continues when it is back.',
    };
    for (const ns of this.namespaces) {
      ns.local.emit(SERVER_EVENTS.closing, notice);
      // Closing the transport (not a socket.io "server disconnect") lets clients reconnect by themselves.
      for (const socket of ns.sockets.values()) socket.conn.close();
    }
  }
}
