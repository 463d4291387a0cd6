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

/** What a participant can say about a track; 'rating' carries a 1-5 value. */
export const FEEDBACK_KINDS = ['like', 'dislike', 'skip', 'rating'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const feedbackSchema = z
  .object({
    clientEventId: z.uuid(),
    recommendationId: z.uuid(),
    kind: z.enum(FEEDBACK_KINDS),
    /** The rating, 1-5; required for 'rating', refused otherwise. */
    value: z.number().int().min(1).max(5).optional(),
    /** Seconds of the track heard before a skip (listen-through). */
    listenedSec: z
      .number()
      .min(0)
      .max(24 * 3600)
      .optional(),
  })
  .strict()
  .refine((f) => (f.kind === 'rating') === (f.value !== undefined), {
    message: "value (1-5) is required for kind 'rating' and only for it",
    path: ['value'],
  });
export type FeedbackPayload = z.infer<typeof feedbackSchema>;

/** `track:started` (playback actually began: the exposure) and `track:ended` name the exposure. */
export const trackEndedSchema = z.object({ recommendationId: z.uuid() }).strict();
export type TrackEndedPayload = z.infer<typeof trackEndedSchema>;

/** The participant's choice: keep the current mood (mood-congruent music) or improve it (iso principle). */
export const moodGoalSchema = z.object({ goal: z.enum(['keep', 'improve']) }).strict();
export type MoodGoalPayload = z.infer<typeof moodGoalSchema>;

/**
 * Microphone features computed in the browser by @attune/audio-features (raw audio never
 * leaves the device): a few ~1 s window vectors per message. The server checks the version
 * and vector length against its extractor.
 */
export const audioFeaturesSchema = z
  .object({
    featureVersion: z.string().min(1).max(64),
    windows: z.array(z.array(z.number().finite()).min(1).max(512)).min(1).max(8),
  })
  .strict();
export type AudioFeaturesPayload = z.infer<typeof audioFeaturesSchema>;

const names = z.array(z.string().trim().min(1).max(100)).max(50).optional();
/** The participant's music preferences, respected by every strategy (favourites first, blocked never). */
export const preferencesSchema = z
  .object({
    favouriteGenres: names,
    blockedGenres: names,
    favouriteArtists: names,
    blockedArtists: names,
    favouriteLanguages: names,
    blockedLanguages: names,
  })
  .strict();
export type PreferencesPayload = z.infer<typeof preferencesSchema>;

/** What the participant typed ("how do you feel?"). */
export const MAX_TEXT_CHARS = 2000;
export const textSchema = z
  .object({
    text: z.string().trim().min(1, 'text is empty').max(MAX_TEXT_CHARS, `at most ${MAX_TEXT_CHARS} characters`),
  })
  .strict();
export type TextPayload = z.infer<typeof textSchema>;

/** SAM (Self-Assessment Manikin) self-report, 9-point scales, before or after a session. */
export const selfReportSchema = z
  .object({
    clientEventId: z.uuid(),
    phase: z.enum(['before', 'after']),
    valence: z.number().int().min(1).max(9),
    arousal: z.number().int().min(1).max(9),
    dominance: z.number().int().min(1).max(9),
  })
  .strict();
export type SelfReportPayload = z.infer<typeof selfReportSchema>;

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
