import { InjectionToken } from '@angular/core';

/** The one MediaDevices call the app makes; a token so tests can hand in a fake camera. */
export interface Camera {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
}

export const CAMERA = new InjectionToken<Camera>('CAMERA', {
  providedIn: 'root',
  factory: () => ({
    getUserMedia: (constraints) => {
      // Browsers leave mediaDevices undefined outside secure contexts (plain http on a LAN
      // address), so a missing API becomes a normal, explainable error instead of a TypeError.
      const devices = globalThis.navigator?.mediaDevices;
      return devices?.getUserMedia
        ? devices.getUserMedia(constraints)
        : Promise.reject(new DOMException('Camera API unavailable', 'NotSupportedError'));
    },
  }),
});
