import { EMOTIONS, type Emotion } from '@attune/protocol';

/**
 * Folder names people actually use for each canonical emotion. Explicit, like the dataset
 * label maps: a folder we cannot place is reported rather than guessed.
 */
const FOLDER_SYNONYMS: Record<Emotion, readonly string[]> = {
  angry: ['angry', 'anger'],
  disgust: ['disgust', 'disgusted'],
  fear: ['fear', 'fearful', 'scared'],
  happy: ['happy', 'happiness', 'joy'],
  sad: ['sad', 'sadness'],
  surprise: ['surprise', 'surprised'],
  neutral: ['neutral', 'calm'],
};

const EMOTION_BY_FOLDER = new Map<string, Emotion>(
  EMOTIONS.flatMap((emotion) => FOLDER_SYNONYMS[emotion].map((name) => [name, emotion] as const)),
);

/** The canonical emotion a folder name stands for (case-insensitive), or null. */
export function emotionOfFolder(name: string): Emotion | null {
  return EMOTION_BY_FOLDER.get(name.trim().toLowerCase()) ?? null;
}

export const KNOWN_FOLDER_NAMES = [...EMOTION_BY_FOLDER.keys()];
