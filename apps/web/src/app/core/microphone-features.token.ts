import { InjectionToken } from '@angular/core';
import { MicrophoneFeatureCapture } from './microphone-features';

/** Microphone feature extraction, behind a token so component tests can hand in a fake. */
export const MICROPHONE_FEATURES = new InjectionToken<() => MicrophoneFeatureCapture>('MICROPHONE_FEATURES', {
  providedIn: 'root',
  factory: () => () => new MicrophoneFeatureCapture(),
});
