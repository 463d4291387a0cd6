import type { Socket } from 'socket.io-client';
import type { SocketFactory, SocketOpts } from '../core/socket.token';

export interface SentRequest {
  event: string;
  payload: unknown;
  /** Answers the request the way the server's ack would. */
  reply: (ack: unknown) => void;
  /** Fails the request the way socket.io does on ack timeout or disconnect. */
  fail: (error: Error) => void;
}

/** Stands in for a socket.io client socket: records requests and lets a test play the server. */
export class FakeSocket {
  connected = false;
  readonly sent: SentRequest[] = [];
  private readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();

  on(event: string, listener: (...args: unknown[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emitWithAck(event: string, payload: unknown): Promise<unknown> {
    return new Promise((reply, fail) => this.sent.push({ event, payload, reply, fail }));
  }

  disconnect(): this {
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect', 'io client disconnect');
    }
    return this;
  }

  /** The server accepted the connection. */
  acceptConnection(): void {
    this.connected = true;
    this.fire('connect');
  }

  /** The server (or socket.io itself) emits `event`. */
  fire(event: string, ...args: unknown[]): void {
    (this.listeners.get(event) ?? []).forEach((listener) => listener(...args));
  }

  requests(event: string): SentRequest[] {
    return this.sent.filter((request) => request.event === event);
  }

  lastRequest(event: string): SentRequest {
    const found = this.requests(event);
    if (!found.length) throw new Error(`nothing was sent as '${event}'`);
    return found[found.length - 1];
  }
}

/** A SOCKET_FACTORY that hands out `socket` and remembers how it was opened. */
export function fakeSocketFactory(
  socket: FakeSocket,
): SocketFactory & { opened: { namespace: string; opts: SocketOpts }[] } {
  const opened: { namespace: string; opts: SocketOpts }[] = [];
  const factory = (namespace: string, opts: SocketOpts) => {
    opened.push({ namespace, opts });
    return socket as unknown as Socket;
  };
  return Object.assign(factory, { opened });
}
