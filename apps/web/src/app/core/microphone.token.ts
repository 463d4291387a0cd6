import { InjectionToken } from '@angular/core';
import type { Camera } from './camera.token';

/** getUserMedia for the microphone; a token so tests can hand in a fake or a denial. */
export const MICROPHONE = new InjectionToken<Camera>('MICROPHONE', {
  providedIn: 'root',
  factory: () => ({
    getUserMedia: (constraints) => {
      const devices = globalThis.navigator?.mediaDevices;
      return devices?.getUserMedia
        ? devices.getUserMedia(constraints)
        : Promise.reject(new DOMException('Microphone API unavailable', 'NotSupportedError'));
    },
  }),
});

/** Turns a getUserMedia rejection into a sentence a participant can act on. */
export function microphoneErrorMessage(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Microphone access was blocked. Allow the microphone for this site to share your voice.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No microphone was found.';
    case 'NotSupportedError':
      return 'This browser cannot share the microphone on this page (it needs HTTPS or localhost).';
    default:
      return 'The microphone could not be started.';
  }
}
