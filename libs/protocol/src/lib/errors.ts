/** Typed error codes carried by socket error acks and HTTP error bodies. */
export const ERROR_CODES = [
  'INVALID_PAYLOAD',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA',
  'UNKNOWN_EVENT',
  'NO_SESSION',
  'NOT_FOUND',
  'UNAUTHORIZED',
  /** The participant has not consented to this (or has withdrawn). */
  'CONSENT_REQUIRED',
  /** Too many events of this kind in a short time; retry later. */
  'RATE_LIMITED',
  /** The server cannot take this now (database away and its buffer full, or shutting down); retry later. */
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for INVALID_PAYLOAD, as `path: message`. */
  issues?: string[];
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };

export function ackOk<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function ackError(code: ErrorCode, message: string, issues?: string[]): Ack<never> {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

/**
 * Codes after which re-sending the same event can succeed; any other error is final for that
 * event (a client outbox drops it).
 */
export const RETRYABLE_ERROR_CODES: readonly ErrorCode[] = ['UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL', 'NO_SESSION'];
