import { loadClassFolders, type LoadOptions } from './class-folders';
import type { FaceCropSet } from './face-crop-set';
import { CKPLUS48_FOLDERS, CKPLUS48_LABELS } from './label-maps';

/** `S010_004_00000017.png`: subject S010, sequence 004, frame 17. */
const CKPLUS_NAME = /^(S\d+)_(\d+)_(\d+)\.png$/i;

export function ckplusSubject(fileName: string): string {
  const match = CKPLUS_NAME.exec(fileName);
  if (!match) throw new Error(`not a CK+ file name (S###_###_########.png): ${fileName}`);
  return match[1].toUpperCase();
}

/**
 * CK+48 in its public layout, `<dir>/<class>/S###_###_########.png`. Unknown class folders are an
 * error (a label map must say where they go), files not named like CK+ too.
 */
export function loadCkPlus48(dir: string, options: LoadOptions = {}): Promise<FaceCropSet> {
  return loadClassFolders(
    dir,
    { dataset: 'CK+48', folders: CKPLUS48_FOLDERS, labels: CKPLUS48_LABELS, images: /\.png$/i, subject: ckplusSubject },
    options,
  );
}
