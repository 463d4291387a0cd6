import type { Socket } from 'socket.io';
import { AckError, SERVER_EVENTS } from '@attune/protocol';

/** The `event` of a `server:error` sent by the periodic token check (no client event caused it). */
export const TOKEN_CHECK_EVENT = 'token-check';

const SIGNED_OUT: AckError = {
  code: 'UNAUTHORIZED',
  message: 'your sign-in has expired or was revoked; sign in again',
};

/**
 * A researcher socket whose token no longer holds: the event (if any) is answered UNAUTHORIZED,
 * the client is told why with `server:error`, and the namespace connection is closed (socket.io flushes
 * both packets first).
 */
export function refuseSignedOut(socket: Socket, event: string, args: unknown[]): void {
  const ack = args[args.length - 1];
  if (typeof ack === 'function') ack({ ok: false, error: SIGNED_OUT });
  socket.emit(SERVER_EVENTS.error, { ...SIGNED_OUT, event: event.slice(0, 64) });
  socket.disconnect();
}
