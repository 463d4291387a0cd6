import {
  FEATURE_CONFIG,
  StreamingFeatureExtractor,
  StreamingResampler,
  type WindowVector,
} from '@attune/audio-features';

/** Samples handed from the audio thread to the main thread at a time (~43 ms at 48 kHz). */
const CHUNK = 2048;

/**
 * Audio-thread side: copies the input's first channel into chunks and posts them to the main
 * thread. Kept as source text so it needs no separate bundle (loaded from a Blob URL).
 */
const WORKLET_SOURCE = `
class AttuneCapture extends AudioWorkletProcessor {
  constructor() { super(); this.buf = new Float32Array(${CHUNK}); this.n = 0; }
  process(inputs) {
    const ch = inputs[0] && inputs[0][0];
    if (ch) for (let i = 0; i < ch.length; i++) {
      this.buf[this.n++] = ch[i];
      if (this.n === this.buf.length) { this.port.postMessage(this.buf, [this.buf.buffer]); this.buf = new Float32Array(${CHUNK}); this.n = 0; }
    }
    return true;
  }
}
registerProcessor('attune-capture', AttuneCapture);
`;

/** Microphone constraints: the browser's voice processing would change the features the model was trained on. */
export const MICROPHONE_CONSTRAINTS: MediaStreamConstraints = {
  audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  video: false,
};

export interface MicrophoneFeatureOptions {
  /** Every completed 1-s window (every 0.5 s), voiced or not (`vector` null when not). */
  onWindow?: (window: WindowVector) => void;
  /** The 16 kHz samples as they arrive (tests, recording with consent). */
  onSamples?: (samples: Float32Array) => void;
}

/**
 * Microphone -> AudioContext at the device rate -> AudioWorklet -> main thread: the shared
 * `StreamingResampler` (to 16 kHz) and `StreamingFeatureExtractor`, the code the server
 * trains with. The context is not asked for 16 kHz: the browser's own resampler treats the
 * band edge differently from ours, which measurably moved the spectral features.
 * Framework-free so a real-browser test can bundle it alone; `MICROPHONE_FEATURES` injects it.
 */
export class MicrophoneFeatureCapture {
  private context: AudioContext | null = null;
  private source: MediaStreamAudioSourceNode | null = null;
  private node: AudioWorkletNode | null = null;
  private url: string | null = null;

  /** Starts extracting from a stream (from `getUserMedia(MICROPHONE_CONSTRAINTS)`). */
  async start(stream: MediaStream, options: MicrophoneFeatureOptions): Promise<void> {
    await this.stop();
    const context = new AudioContext();
    this.context = context;
    this.url = URL.createObjectURL(new Blob([WORKLET_SOURCE], { type: 'text/javascript' }));
    await context.audioWorklet.addModule(this.url);
    const resampler = new StreamingResampler(context.sampleRate, FEATURE_CONFIG.sampleRate);
    const extractor = new StreamingFeatureExtractor();
    const node = new AudioWorkletNode(context, 'attune-capture', { numberOfInputs: 1, numberOfOutputs: 0 });
    node.port.onmessage = (event: MessageEvent<Float32Array>) => {
      const samples = resampler.push(event.data);
      options.onSamples?.(samples);
      for (const window of extractor.push(samples)) options.onWindow?.(window);
    };
    this.source = context.createMediaStreamSource(stream);
    this.source.connect(node);
    this.node = node;
    if (context.state === 'suspended') await context.resume();
  }

  /** The device rate the browser captures at (resampled to 16 kHz before extraction). */
  get deviceRate(): number | null {
    return this.context?.sampleRate ?? null;
  }

  async stop(): Promise<void> {
    this.source?.disconnect();
    this.node?.port.close();
    this.node?.disconnect();
    if (this.url) URL.revokeObjectURL(this.url);
    const context = this.context;
    this.context = this.source = this.node = null;
    this.url = null;
    if (context && context.state !== 'closed') await context.close();
  }
}
