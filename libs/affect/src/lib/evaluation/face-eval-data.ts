import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CKPLUS48_FOLDERS, FER2013_FOLDERS } from '../datasets/label-maps';
import type { Fer2013Split } from '../datasets/fer2013';
import type { FaceLabel } from '../face/face-crop-classifier';

export const FACE_DATASETS = ['ckplus48', 'fer2013'] as const;
export type FaceDataset = (typeof FACE_DATASETS)[number];
export const FER2013_SPLITS: readonly Fer2013Split[] = ['train', 'validation', 'test'];

/** One image file with its true label. */
export interface LabelledImage {
  path: string;
  label: FaceLabel;
}

export interface FaceEvalData {
  dataset: FaceDataset;
  /** FER2013 only. */
  split?: Fer2013Split;
  /** The dataset's classes in canonical names, in a fixed order (the confusion matrix's). */
  labels: FaceLabel[];
  samples: LabelledImage[];
}

// Class folder names of the public layouts (the loaders' maps) plus common other spellings.
const CLASS_NAMES: Readonly<Record<string, FaceLabel>> = {
  ...CKPLUS48_FOLDERS,
  ...FER2013_FOLDERS,
  disgusted: 'disgust',
  fearful: 'fear',
  happiness: 'happy',
  surprised: 'surprise',
};
const LABEL_ORDER: FaceLabel[] = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral', 'contempt'];
const IMAGE = /\.(png|jpe?g|bmp|webp)$/i;

/**
 * The labelled images of a folder in a public layout, for evaluation on the crops as they are:
 * CK+48 `<dir>/<class>/*.png`; FER2013 `<dir>/<split>/<class>/*.jpg`, split `validation` when
 * present, else `test`. Unknown class folders are refused, so a typo does not shrink the test set.
 */
export async function readFaceEvalData(dataset: FaceDataset, dir: string, split?: Fer2013Split): Promise<FaceEvalData> {
  if (!existsSync(dir)) throw new Error(`no dataset folder at ${dir}`);
  if (dataset === 'ckplus48') return { dataset, ...(await classFolders(dir)) };
  const chosen = split ?? (existsSync(join(dir, 'validation')) ? 'validation' : 'test');
  const splitDir = join(dir, chosen);
  if (!existsSync(splitDir))
    throw new Error(`FER2013 folder ${dir} has no ${chosen}/ split (layout: {train,validation,test}/<class>/*.jpg)`);
  return { dataset, split: chosen, ...(await classFolders(splitDir)) };
}

async function classFolders(dir: string): Promise<{ labels: FaceLabel[]; samples: LabelledImage[] }> {
  const folders = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const unknown = folders.filter((name) => !CLASS_NAMES[name.toLowerCase()]);
  if (unknown.length > 0) throw new Error(`unknown class folder(s) in ${dir}: ${unknown.join(', ')}`);
  const samples: LabelledImage[] = [];
  for (const folder of folders.sort()) {
    const label = CLASS_NAMES[folder.toLowerCase()];
    const files = (await readdir(join(dir, folder))).filter((f) => IMAGE.test(f)).sort();
    samples.push(...files.map((f) => ({ path: join(dir, folder, f), label })));
  }
  if (samples.length === 0) throw new Error(`no images in ${dir}/<class>/`);
  const present = new Set(samples.map((s) => s.label));
  return { labels: LABEL_ORDER.filter((label) => present.has(label)), samples };
}
