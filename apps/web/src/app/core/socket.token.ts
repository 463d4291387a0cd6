import { InjectionToken } from '@angular/core';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';

export type SocketOpts = Partial<ManagerOptions & SocketOptions>;

/** Opens a socket.io connection to a namespace of the serving origin; a token so tests can fake the server. */
export type SocketFactory = (namespace: string, opts: SocketOpts) => Socket;

export const SOCKET_FACTORY = new InjectionToken<SocketFactory>('SOCKET_FACTORY', {
  providedIn: 'root',
  factory: () => (namespace, opts) => io(namespace, opts),
});

/**
 * Every request waits at most this long for its ack; socket.io then rejects it (also on
 * disconnect), so a lost ack can never stall the frame loop or leave a button "saving" forever.
 */
export const ACK_TIMEOUT_MS = 8000;
