import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emotion } from '@attune/protocol';

/** dair-ai "emotion" classes, in the class order of text models trained on it. */
export const DAIR_LABELS = ['sadness', 'joy', 'love', 'anger', 'fear', 'surprise'] as const;
export type DairLabel = (typeof DAIR_LABELS)[number];

/**
 * dair -> canonical. The canonical space has no "love"; love tweets ("i feel so loved",
 * "i feel tender") are pleasant, moderately aroused states, which is where the circumplex places
 * happy, so love adds to happy. Evaluation keeps the 6 dair classes; only the live estimate merges.
 * The text model never outputs disgust or neutral (dair has neither).
 */
export const DAIR_TO_CANONICAL: Readonly<Record<DairLabel, Emotion>> = {
  sadness: 'sad',
  joy: 'happy',
  love: 'happy',
  anger: 'angry',
  fear: 'fear',
  surprise: 'surprise',
};

export const DAIR_SPLITS = ['train', 'val'] as const;
export type DairSplit = (typeof DAIR_SPLITS)[number];

export interface LabelledText {
  text: string;
  label: DairLabel;
}

export function dairPath(datasetsDir: string, split: DairSplit): string {
  return join(datasetsDir, 'dair_emotion', `${split}.txt`);
}

export function isDairLabel(label: string): label is DairLabel {
  return (DAIR_LABELS as readonly string[]).includes(label);
}

/** `text;label` per line; the label follows the LAST semicolon (texts may contain one). */
export function parseDairLines(content: string): LabelledText[] {
  const out: LabelledText[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const cut = line.lastIndexOf(';');
    const label = line.slice(cut + 1).trim();
    if (cut < 0 || !isDairLabel(label))
      throw new Error(
        `line ${i + 1} is not "text;label" with a dair label (${DAIR_LABELS.join(', ')}): ${JSON.stringify(line)}`,
      );
    out.push({ text: line.slice(0, cut), label });
  });
  return out;
}

export async function readDairFile(path: string): Promise<LabelledText[]> {
  return parseDairLines(await readFile(path, 'utf8'));
}
