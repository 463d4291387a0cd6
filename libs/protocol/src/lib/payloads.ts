import { z } from 'zod';

/** Upper bound for one webcam frame; the transport allows a margin above it so an
 * oversized frame reaches the handler and gets a typed error instead of a disconnect. */
export const MAX_FRAME_BYTES = 1_000_000;
export const TRANSPORT_MAX_BYTES = 4 * MAX_FRAME_BYTES;

const binary = z.custom<Uint8Array>((v) => v instanceof Uint8Array || v instanceof ArrayBuffer, {
  message: 'expected binary data (Uint8Array or ArrayBuffer)',
});

export const startSessionSchema = z
  .object({
    participantCode: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only, at most 64')
      .optional(),
  })
  .strict();
export type StartSessionPayload = z.infer<typeof startSessionSchema>;

export const frameSchema = z
  .object({
    seq: z.number().int().nonnegative(),
    mime: z.literal('image/jpeg'),
    data: binary,
  })
  .strict();
export type FramePayload = z.infer<typeof frameSchema>;

export const FEEDBACK_KINDS = ['like', 'dislike', 'skip'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const feedbackSchema = z
  .object({
    clientEventId: z.uuid(),
    recommendationId: z.uuid(),
    kind: z.enum(FEEDBACK_KINDS),
  })
  .strict();
export type FeedbackPayload = z.infer<typeof feedbackSchema>;

export const trackEndedSchema = z.object({ recommendationId: z.uuid() }).strict();
export type TrackEndedPayload = z.infer<typeof trackEndedSchema>;

export const watchSessionSchema = z.object({ sessionId: z.uuid() }).strict();
export type WatchSessionPayload = z.infer<typeof watchSessionSchema>;

/** Parses a payload; returns either the value or `path: message` strings. */
export function parsePayload<T>(
  schema: z.ZodType<T>,
  value: unknown,
): { success: true; data: T } | { success: false; issues: string[] } {
  const result = schema.safeParse(value);
  if (result.success) return { success: true, data: result.data };
  return {
    success: false,
    issues: result.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`),
  };
}
