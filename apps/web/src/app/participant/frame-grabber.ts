/** Encodes what a playing <video> currently shows as JPEG bytes, reusing one offscreen canvas. */
export class FrameGrabber {
  private readonly canvas: HTMLCanvasElement;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly quality = 0.8,
  ) {
    this.canvas = video.ownerDocument.createElement('canvas');
  }

  /** Null while the camera has no picture yet or the browser cannot encode; never rejects. */
  async grab(): Promise<Uint8Array | null> {
    const { video, canvas } = this;
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return null;
    try {
      if (canvas.width !== video.videoWidth) canvas.width = video.videoWidth;
      if (canvas.height !== video.videoHeight) canvas.height = video.videoHeight;
      const context = canvas.getContext('2d');
      if (!context) return null;
      context.drawImage(video, 0, 0);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', this.quality));
      return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
    } catch {
      // A camera unplugged mid-draw; the next tick simply tries again.
      return null;
    }
  }
}
