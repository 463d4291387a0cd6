import type { FaceLabel } from '../face/face-crop-classifier';

/** CK+48 folder names -> labels; contempt stays its own class. Order = class index of CK+ models. */
export const CKPLUS48_FOLDERS: Readonly<Record<string, FaceLabel>> = {
  anger: 'angry',
  contempt: 'contempt',
  disgust: 'disgust',
  fear: 'fear',
  happy: 'happy',
  sadness: 'sad',
  surprise: 'surprise',
};

/** FER2013 folder names (as in the public folder mirrors) -> labels. */
export const FER2013_FOLDERS: Readonly<Record<string, FaceLabel>> = {
  angry: 'angry',
  disgust: 'disgust',
  fear: 'fear',
  happy: 'happy',
  sad: 'sad',
  surprise: 'surprise',
  neutral: 'neutral',
};

/** FER2013 CSV `emotion` codes 0..6, the challenge's order; also the class order of FER2013 models. */
export const FER2013_CODES: readonly FaceLabel[] = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];

export const CKPLUS48_LABELS: readonly FaceLabel[] = Object.values(CKPLUS48_FOLDERS);
