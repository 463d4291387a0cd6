import { io, Socket } from 'socket.io-client';
import type { Ack } from '@attune/protocol';

/** A socket.io client on one namespace of the test server, connected (or rejected) before it returns. */
export function connect(url: string, ns: string, auth?: Record<string, string>): Promise<Socket> {
  const socket = io(`${url}${ns}`, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Emits with an ack and returns the typed answer. */
export function call<T>(socket: Socket, event: string, ...args: unknown[]): Promise<Ack<T>> {
  return socket.timeout(30_000).emitWithAck(event, ...args) as Promise<Ack<T>>;
}

/** The next payload of a server event. */
export function next<T>(socket: Socket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}
