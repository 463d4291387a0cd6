import type { Ack, AckError } from '@attune/protocol';

/** What a request resolves to when socket.io gave up waiting (timeout or disconnect). */
export const NO_ANSWER: AckError = {
  code: 'INTERNAL',
  message: 'The server did not answer. Check the connection and try again.',
};

/** Folds socket.io's rejection into the Ack shape, so callers handle one kind of failure. */
export async function settle<T>(pending: Promise<Ack<T>>): Promise<Ack<T>> {
  try {
    return await pending;
  } catch {
    return { ok: false, error: NO_ANSWER };
  }
}

/** The message of an error ack, with field issues when the server named them. */
export function errorText(error: AckError): string {
  return error.issues?.length ? `${error.message} (${error.issues.join('; ')})` : error.message;
}
