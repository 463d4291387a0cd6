/** Turns a getUserMedia rejection into a sentence a participant can act on. */
export function cameraErrorMessage(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was blocked. Allow the camera for this site and press Start session again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found. Connect a camera and try again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera is in use or failed to start. Close other apps that use it and try again.';
    case 'NotSupportedError':
      return 'This browser cannot share the camera on this page (it needs HTTPS or localhost).';
    default:
      return 'The camera could not be started.';
  }
}
