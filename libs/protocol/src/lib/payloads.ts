import { z } from 'zod';
import { distributionSchema, emotionSchema } from './emotions';

/** Upper bound for one webcam frame; the transport allows a margin above it so an
 * oversized frame reaches the handler and gets a typed error instead of a disconnect. */
export const MAX_FRAME_BYTES = 1_000_000;
export const TRANSPORT_MAX_BYTES = 4 * MAX_FRAME_BYTES;

const binary = z.custom<Uint8Array>((v) => v instanceof Uint8Array || v instanceof ArrayBuffer, {
  message: 'expected binary data (Uint8Array or ArrayBuffer)',
});

/** `<sessionId>.<secret>`: names one session and proves the holder started it. */
export const RESUME_TOKEN = /^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/;

export const startSessionSchema = z
  .object({
    participantCode: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only, at most 64')
      .optional(),
    /** From an earlier `session:start` answer: re-attach to that session after a reconnect or reload. */
    resumeToken: z.string().regex(RESUME_TOKEN, 'a resumeToken from an earlier session:start answer').optional(),
  })
  .strict();
export type StartSessionPayload = z.infer<typeof startSessionSchema>;

export const endSessionSchema = z.object({}).strict();
export type EndSessionPayload = z.infer<typeof endSessionSchema>;

const unit = z.number().min(0).max(1);

/** Upper bound for a face crop sent instead of a whole frame (a 160 px JPEG is ~10 KB). */
export const MAX_CROP_BYTES = 64_000;
/** Side in pixels of the face crops the web client sends (the face models take 48-64 px). */
export const FACE_CROP_SIDE = 96;

/**
 * A face crop as raw pixels: FACE_CROP_SIDE x FACE_CROP_SIDE bytes of grey (BT.601 luma), row by
 * row. Nothing to decode on the server; the face models take grey input anyway.
 */
export const GREY_CROP_MIME = 'application/x-attune-grey8';

export const frameSchema = z
  .object({
    seq: z.number().int().nonnegative(),
    mime: z.enum(['image/jpeg', GREY_CROP_MIME]),
    data: binary,
    /**
     * Set when the client's own face detector found the face and `data` is only that face, cut
     * out of its frame at this box (normalised to the frame): the server skips detection.
     */
    crop: z.object({ x: unit, y: unit, width: unit, height: unit }).strict().optional(),
  })
  .strict()
  .refine((f) => f.mime !== GREY_CROP_MIME || f.crop !== undefined, {
    message: `${GREY_CROP_MIME} data is a face crop: give its box in "crop"`,
    path: ['crop'],
  });
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

/** Where a study lets the face model run: on the server (frames sent) or in the browser (only estimates sent). */
export const FACE_MODES = ['server', 'edge'] as const;
export type FaceMode = (typeof FACE_MODES)[number];

/**
 * Edge mode: the browser's face model ran on the frame; only its estimate comes here, never a
 * picture (the schema is strict, so a payload carrying image data is refused).
 */
export const faceEstimateSchema = z
  .object({
    seq: z.number().int().nonnegative(),
    faces: z.number().int().min(0).max(20),
    /** Canonical distribution of the largest face; null when no face was found. */
    distribution: distributionSchema
      .strict()
      .refine((d) => Math.abs(Object.values(d).reduce((sum, p) => sum + p, 0) - 1) < 0.01, {
        message: 'probabilities must sum to 1',
      })
      .nullable(),
    box: z
      .object({
        x: z.number().min(0).max(1),
        y: z.number().min(0).max(1),
        width: z.number().min(0).max(1),
        height: z.number().min(0).max(1),
      })
      .strict()
      .nullable(),
    /** The browser model's id, e.g. `tiny-face-detector-224+ckplus48-fast`. */
    modelId: z.string().regex(/^[A-Za-z0-9_.+:-]{1,64}$/),
  })
  .strict();
export type FaceEstimatePayload = z.infer<typeof faceEstimateSchema>;

/** "That is not how I feel": the participant sets the mood (camera failed, or it is wrong); null clears it. */
export const moodOverrideSchema = z.object({ emotion: emotionSchema.nullable() }).strict();
export type MoodOverridePayload = z.infer<typeof moodOverrideSchema>;

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
