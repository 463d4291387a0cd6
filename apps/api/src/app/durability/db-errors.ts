/**
 * Errors that mean "the database is unreachable right now", as opposed to "this write is wrong".
 * Only these send an event to the durable buffer; a constraint violation never does.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_CONNECTION_KILLED',
  'ER_QUERY_INTERRUPTED',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_FULL',
  'SQLITE_IOERR',
]);
/** mysql2 client errors without a code: a pool or connection that was closed under us. */
const CONNECTION_MESSAGES = [/pool is closed/i, /connection is in closed state/i, /connection lost/i];

export function isConnectionError(err: unknown): boolean {
  for (let e = err as Record<string, unknown> | undefined, depth = 0; e && depth < 4; depth++) {
    const code = typeof e['code'] === 'string' ? (e['code'] as string) : '';
    if (CONNECTION_CODES.has(code) || code.startsWith('SQLITE_IOERR')) return true;
    // mysql2 marks errors that broke the connection itself as fatal.
    if (e['fatal'] === true) return true;
    const message = typeof e['message'] === 'string' ? (e['message'] as string) : '';
    if (CONNECTION_MESSAGES.some((m) => m.test(message))) return true;
    const name = (e as { constructor?: { name?: string } }).constructor?.name;
    if (name === 'ConnectionIsNotSetError' || name === 'CannotExecuteNotConnectedError') return true;
    e = (e['driverError'] ?? e['cause']) as Record<string, unknown> | undefined;
  }
  return false;
}
