import { Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import type { ZodType } from 'zod';
import { Ack, ackError, parsePayload, SERVER_EVENTS } from '@attune/protocol';
import type { TokenBucket } from '../sessions/rate-limit';

type Reply = (ack: Ack<unknown>) => void;

/** How an event's answer reaches the client: its ack if it sent one, else `server:error` for failures. */
function replier(socket: Socket, event: string, args: unknown[]): Reply {
  const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (a: Ack<unknown>) => void) : undefined;
  return (result) => {
    if (ack) ack(result);
    else if (!result.ok) socket.emit(SERVER_EVENTS.error, { ...result.error, event });
  };
}

/** A payload with 100k bad elements must not get a 100k-line answer: the first few issues say enough. */
const MAX_ISSUES = 20;
const MAX_ISSUE_CHARS = 200;

function boundedIssues(issues: string[]): string[] {
  const shown = issues
    .slice(0, MAX_ISSUES)
    .map((i) => (i.length > MAX_ISSUE_CHARS ? `${i.slice(0, MAX_ISSUE_CHARS)}…` : i));
  if (issues.length > MAX_ISSUES) shown.push(`… and ${issues.length - MAX_ISSUES} more`);
  return shown;
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
      reply(ackError('INVALID_PAYLOAD', `invalid "${event}" payload`, boundedIssues(parsed.issues)));
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

/**
 * Answers any event outside `known` with a typed UNKNOWN_EVENT error; it never reaches a
 * handler. (A socket middleware, so it runs after the event budget of `limitEventRate`.)
 */
export function rejectUnknownEvents(socket: Socket, known: readonly string[]): void {
  socket.use((packet, next) => {
    const [event, ...args] = packet as unknown[];
    if (typeof event === 'string' && known.includes(event)) return next();
    const name = String(event).slice(0, 64);
    replier(
      socket,
      name,
      args,
    )(ackError('UNKNOWN_EVENT', `unknown event "${name}"; expected one of: ${known.join(', ')}`));
  });
}

/** At most one `server:error` a second for a flood without acks, so refusing costs less than sending. */
const NOTICE_INTERVAL_MS = 1000;

/**
 * One budget per socket over all of its events, known or not, before anything else looks at
 * them: an event beyond it is answered RATE_LIMITED and dropped, so one client's flood costs the
 * server one token-bucket check per event and never reaches a handler or the database.
 */
export function limitEventRate(socket: Socket, budget: TokenBucket): void {
  let lastNotice = -Infinity;
  socket.use((packet, next) => {
    if (budget.take()) return next();
    const [event, ...args] = packet as unknown[];
    const name = String(event).slice(0, 64);
    const limited = {
      code: 'RATE_LIMITED',
      message: 'too many events from this connection; slow down and retry',
    } as const;
    if (typeof args[args.length - 1] === 'function') return replier(socket, name, args)({ ok: false, error: limited });
    const now = Date.now();
    if (now - lastNotice < NOTICE_INTERVAL_MS) return;
    lastNotice = now;
    socket.emit(SERVER_EVENTS.error, { ...limited, event: name });
  });
}
