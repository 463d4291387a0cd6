import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { IncomingMessage } from 'node:http';
import type { Namespace, ServerOptions } from 'socket.io';
import { TRANSPORT_MAX_BYTES } from '@attune/protocol';
import { TokenBucket } from '../sessions/rate-limit';
import { limitEventRate } from './bind-event';
import { originAllowed } from './origin';

/** What every socket may do: its origin and its event budget. */
export interface SocketLimits {
  /** Extra allowed origins; a browser from any other origin (not this host) is refused. */
  corsOrigins: readonly string[];
  eventsPerSecond: number;
  eventBurst: number;
}

/** Only connect and quit are used here; the redis client's generics vary with its options. */
type RedisClient = { quit(): Promise<unknown> };

/**
 * socket.io for Attune: a transport limit above the frame cap (an oversized frame reaches its
 * handler and gets a typed PAYLOAD_TOO_LARGE ack instead of a disconnect), the origin check and
 * per-socket event budget of SECURITY (docs/security.md), and, with REDIS_URL,
 * socket.io's Redis adapter so several instances share rooms and server-side events.
 */
export class AttuneIoAdapter extends IoAdapter {
  private clients: RedisClient[] = [];
  private redisAdapter: ReturnType<typeof createAdapter> | null = null;

  constructor(
    app: INestApplicationContext,
    private readonly limits: SocketLimits,
  ) {
    super(app);
  }

  /** Connects the pub/sub pair; call before the app starts listening. */
  async connectToRedis(url: string, key: string): Promise<void> {
    const pub = createClient({ url });
    const sub = pub.duplicate();
    for (const c of [pub, sub]) c.on('error', (err: Error) => console.error(`redis: ${err.message}`));
    await Promise.all([pub.connect(), sub.connect()]);
    this.clients = [pub as RedisClient, sub as RedisClient];
    this.redisAdapter = createAdapter(pub, sub, { key });
  }

  override createIOServer(port: number, options?: ServerOptions) {
    const { corsOrigins, eventsPerSecond, eventBurst } = this.limits;
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: TRANSPORT_MAX_BYTES,
      // Browsers do not apply CORS to WebSockets, so the handshake's Origin is checked here.
      allowRequest: (req: IncomingMessage, callback: (err: string | null | undefined, ok: boolean) => void) =>
        callback(null, originAllowed(req.headers.origin, req.headers.host, corsOrigins)),
      cors: corsOrigins.length ? { origin: [...corsOrigins] } : undefined,
    });
    if (this.redisAdapter) server.adapter(this.redisAdapter);
    // Every socket of every namespace gets its own event budget before its first event.
    server.on('new_namespace', (ns: Namespace) =>
      ns.use((socket, next) => {
        limitEventRate(socket, new TokenBucket(eventBurst, eventsPerSecond));
        next();
      }),
    );
    return server;
  }

  override async close(server: Parameters<IoAdapter['close']>[0]): Promise<void> {
    await super.close(server);
    await Promise.all(this.clients.splice(0).map((c) => c.quit().catch(() => undefined)));
  }
}
