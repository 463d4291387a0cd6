/** Decoded PCM audio: one Float32Array per channel, samples in [-1, 1]. */
export interface PcmAudio {
  sampleRate: number;
  channels: Float32Array[];
}

export class InvalidWavError extends Error {
  override readonly name = 'InvalidWavError';
}

const PCM = 1;
const IEEE_FLOAT = 3;
const EXTENSIBLE = 0xfffe;

/**
 * Reads a RIFF/WAVE file (integer PCM of 8/16/24/32 bits, or 32/64-bit float, also in the
 * WAVE_FORMAT_EXTENSIBLE wrapper). Pure: works on bytes, so the browser and Node share it.
 */
export function decodeWav(bytes: Uint8Array): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12 || tag(view, 0) !== 'RIFF' || tag(view, 8) !== 'WAVE')
    throw new InvalidWavError('not a RIFF/WAVE file');
  let format: { code: number; channels: number; sampleRate: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.byteLength) {
    const id = tag(view, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16) throw new InvalidWavError('fmt chunk too short');
      let code = view.getUint16(body, true);
      if (code === EXTENSIBLE && size >= 26) code = view.getUint16(body + 24, true);
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format) throw new InvalidWavError('data chunk before fmt chunk');
      // Some writers leave the size at 0 or too large when streaming: read what is there.
      const length = Math.min(size === 0 ? Infinity : size, bytes.byteLength - body);
      return { sampleRate: format.sampleRate, channels: readSamples(view, body, length, format) };
    }
    offset = body + size + (size % 2);
  }
  throw new InvalidWavError(format ? 'no data chunk' : 'no fmt chunk');
}

/** Average of the channels. */
export function toMono(audio: PcmAudio): Float32Array {
  const [first, ...rest] = audio.channels;
  if (!first) return new Float32Array(0);
  if (rest.length === 0) return first;
  const mono = new Float32Array(first.length);
  for (const channel of audio.channels) for (let i = 0; i < mono.length; i++) mono[i] += channel[i];
  for (let i = 0; i < mono.length; i++) mono[i] /= audio.channels.length;
  return mono;
}

/** 16-bit PCM mono WAV bytes; for tests and fixtures. */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const writeTag = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  writeTag(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  writeTag(8, 'WAVE');
  writeTag(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  writeTag(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((s, i) => view.setInt16(44 + i * 2, Math.round(Math.max(-1, Math.min(1, s)) * 32767), true));
  return bytes;
}

function readSamples(
  view: DataView,
  start: number,
  length: number,
  format: { code: number; channels: number; bits: number },
): Float32Array[] {
  const { code, channels, bits } = format;
  if (channels < 1) throw new InvalidWavError('no channels');
  const bytesPerSample = bits / 8;
  const read = sampleReader(view, code, bits);
  const frames = Math.floor(length / (bytesPerSample * channels));
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let f = 0; f < frames; f++)
    for (let c = 0; c < channels; c++) out[c][f] = read(start + (f * channels + c) * bytesPerSample);
  return out;
}

function sampleReader(view: DataView, code: number, bits: number): (at: number) => number {
  if (code === PCM) {
    if (bits === 8) return (at) => (view.getUint8(at) - 128) / 128;
    if (bits === 16) return (at) => view.getInt16(at, true) / 32768;
    if (bits === 24)
      return (at) => (view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608;
    if (bits === 32) return (at) => view.getInt32(at, true) / 2147483648;
  }
  if (code === IEEE_FLOAT) {
    if (bits === 32) return (at) => view.getFloat32(at, true);
    if (bits === 64) return (at) => view.getFloat64(at, true);
  }
  throw new InvalidWavError(`unsupported WAV encoding (format ${code}, ${bits} bits)`);
}

function tag(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}
