import { createHash } from 'node:crypto';

/**
 * Stable id of a catalog file: the first 16 hex digits of SHA-1 of its POSIX path relative
 * to the catalog folder. Independent of where the folder lives, so ids logged in one study
 * still name the same track on another machine; moving a file to another folder changes it.
 */
export function trackIdOf(relativePath: string): string {
  return createHash('sha1').update(relativePath).digest('hex').slice(0, 16);
}
