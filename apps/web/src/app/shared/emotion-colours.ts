import type { Emotion } from '@attune/protocol';

/** One colour per canonical emotion, shared by the participant bars and the researcher chart. */
export const EMOTION_COLOURS: Record<Emotion, string> = {
  angry: '#d62728',
  disgust: '#7a5195',
  fear: '#8c564b',
  happy: '#d99a00',
  sad: '#1f77b4',
  surprise: '#e8590c',
  neutral: '#6c757d',
};
