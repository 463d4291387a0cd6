/** A frame taken from a video file: its time and JPEG bytes. */
export interface SampledFrame {
  at: number;
  jpeg: Blob;
}

/** At most this many frames per file, evenly spread; analysing each takes a server round trip. */
export const MAX_VIDEO_FRAMES = 12;

/**
 * Samples a video file in the browser: loads it into an off-screen <video>, seeks to evenly
 * spaced times and draws each onto a canvas as JPEG. The file itself is never uploaded.
 */
export async function sampleVideo(
  file: Blob,
  options: { maxFrames?: number; onFrame?: (done: number, total: number) => void; doc?: Document } = {},
): Promise<SampledFrame[]> {
  const doc = options.doc ?? document;
  const url = URL.createObjectURL(file);
  const video = doc.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.preload = 'auto';
  try {
    video.src = url;
    await once(video, 'loadedmetadata');
    const duration = await durationOf(video);
    if (!duration || !video.videoWidth) throw new Error('the video has no picture or no length');
    const total = Math.max(1, Math.min(options.maxFrames ?? MAX_VIDEO_FRAMES, Math.ceil(duration * 2)));
    const canvas = doc.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('this browser cannot draw video frames');
    const frames: SampledFrame[] = [];
    for (let i = 0; i < total; i++) {
      // Centres of equal slices: never the very first or last instant, which are often black.
      const at = ((i + 0.5) / total) * duration;
      video.currentTime = at;
      await once(video, 'seeked');
      context.drawImage(video, 0, 0);
      const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
      if (jpeg) frames.push({ at, jpeg });
      options.onFrame?.(i + 1, total);
    }
    return frames;
  } finally {
    video.removeAttribute('src');
    video.load();
    URL.revokeObjectURL(url);
  }
}

/**
 * A recording made with MediaRecorder (a browser's own webm) carries no duration: the browser
 * reports Infinity until it has seen the end, so seek far past it once to learn the length.
 */
async function durationOf(video: HTMLVideoElement): Promise<number> {
  if (Number.isFinite(video.duration)) return video.duration;
  video.currentTime = Number.MAX_SAFE_INTEGER;
  await once(video, 'seeked');
  const duration = Number.isFinite(video.duration) ? video.duration : 0;
  video.currentTime = 0;
  await once(video, 'seeked');
  return duration;
}

function once(target: HTMLVideoElement, event: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`the video did not answer (${event})`));
    }, timeoutMs);
    const ok = () => {
      cleanup();
      resolve();
    };
    const fail = () => {
      cleanup();
      reject(new Error('this video format cannot be played in this browser'));
    };
    const cleanup = () => {
      clearTimeout(timer);
      target.removeEventListener(event, ok);
      target.removeEventListener('error', fail);
    };
    target.addEventListener(event, ok);
    target.addEventListener('error', fail);
  });
}
