import { InjectionToken } from '@angular/core';

/** Saves a Blob as a file through the browser's download; a token so tests can catch the file. */
export const DOWNLOADER = new InjectionToken<(blob: Blob, filename: string) => void>('DOWNLOADER', {
  providedIn: 'root',
  factory: () => (blob, filename) => {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
});
