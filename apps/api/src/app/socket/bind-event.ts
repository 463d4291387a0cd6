import { Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import type { ZodType } from 'zod';
import { Ack, ackError, parsePayload, SERVER_EVENTS } from '@attune/protocol';

type Reply = (ack: Ack<unknown>) => void;

/** How an event's answer reaches the client: its ack if it sent one, else `server:error` for failures. */
function replier(socket: Socket, event: string, args: unknown[]): Reply {
  const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (a: Ack<unknown>) => void) : undefined;
  return (result) => {
    if (ack) ack(result);
    else if (!result.ok) socket.emit(SERVER_EVENTS.error, { ...result.error, event });
  };
}

/**
 * Binds one socket event: exactly one payload, parsed with its protocol schema, then
 * `run`. Nothing thrown by `run` escapes: the client gets a typed INTERNAL error and
 * the connection stays up (STYLE.md 5).
 */
export function bindEvent<T>(
  socket: Socket,
  event: string,
  schema: ZodType<T>,
  run: (payload: T) => Promise<Ack<unknown>>,
  logger: Logger,
): void {
  socket.on(event, async (...args: unknown[]) => {
    const reply = replier(socket, event, args);
    if (args.length !== 1) {
      reply(ackError('INVALID_PAYLOAD', `"${event}" takes exactly one payload argument, got ${args.length}`));
      return;
    }
    const parsed = parsePayload(schema, args[0]);
    if (!parsed.success) {
      reply(ackError('INVALID_PAYLOAD', `invalid "${event}" payload`, parsed.issues));
      return;
    }
    try {
      reply(await run(parsed.data));
    } catch (err) {
      logger.error(`"${event}" failed: ${(err as Error).stack ?? err}`);
      reply(ackError('INTERNAL', `"${event}" could not be processed; please retry`));
    }
  });
}

/** Answers any event outside `known` with a typed UNKNOWN_EVENT error. */
export function rejectUnknownEvents(socket: Socket, known: readonly string[]): void {
  socket.onAny((event: string, ...args: unknown[]) => {
    if (known.includes(event)) return;
    const reply = replier(socket, String(event), args);
    reply(
      ackError('UNKNOWN_EVENT', `unknown event "${String(event).slice(0, 64)}"; expected one of: ${known.join(', ')}`),
    );
  });
}
