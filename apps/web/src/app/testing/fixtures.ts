import {
  EMOTIONS,
  type AffectEstimate,
  type Emotion,
  type EmotionDistribution,
  type EmotionUpdate,
  type RecommendationEvent,
  type SessionStarted,
} from '@attune/protocol';

export const SESSION_ID = '0b1c2d4e-8a1b-4c3d-9e2f-0a1b2c3d4e5f';

export const sessionStarted: SessionStarted = {
  sessionId: SESSION_ID,
  participantId: 'c1d2e3f4-0000-4000-8000-000000000001',
  participantCode: 'P-001',
  frameIntervalMs: 500,
  resumeToken: `${SESSION_ID}.${'r'.repeat(43)}`,
  resumed: false,
};

/** `top` gets `confidence`, the rest shares what is left. */
export function distribution(top: Emotion, confidence: number): EmotionDistribution {
  const rest = (1 - confidence) / (EMOTIONS.length - 1);
  return Object.fromEntries(EMOTIONS.map((e) => [e, e === top ? confidence : rest])) as EmotionDistribution;
}

export function estimate(label: Emotion, confidence: number): AffectEstimate {
  return {
    modality: 'face',
    distribution: distribution(label, confidence),
    label,
    confidence,
    valence: 0,
    arousal: 0,
    modelId: 'test-model',
    timestamp: 0,
  };
}

export function emotionUpdate(seq: number, at: number, label: Emotion | null, sessionId = SESSION_ID): EmotionUpdate {
  return {
    sessionId,
    at,
    seq,
    faces: label ? 1 : 0,
    estimate: label ? estimate(label, 0.87) : null,
    box: null,
  };
}

export function recommendation(overrides: Partial<RecommendationEvent> = {}): RecommendationEvent {
  return {
    sessionId: SESSION_ID,
    recommendationId: '9a8b7c6d-1111-4222-8333-444455556666',
    track: {
      id: 'track-1',
      title: 'Morning Light',
      artist: 'Ada Example',
      emotion: 'happy',
      licence: 'CC BY-SA 4.0',
      attribution: '"Morning Light" by Ada Example, CC BY-SA 4.0',
      audioUrl: '/api/tracks/track-1/audio',
    },
    strategy: 'mood-congruent',
    explanation: 'You look happy, so here is something bright.',
    trigger: 'start',
    at: 0,
    ...overrides,
  };
}
