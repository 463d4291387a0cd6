import { decodeWav, encodeWav16, InvalidWavError, toMono } from './wav';

function wavBytes(
  format: number,
  bits: number,
  channels: number,
  rate: number,
  body: Uint8Array,
  extensible = false,
): Uint8Array {
  const fmtSize = extensible ? 40 : 16;
  const bytes = new Uint8Array(12 + 8 + fmtSize + 8 + body.length);
  const v = new DataView(bytes.buffer);
  const tag = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  tag(0, 'RIFF');
  v.setUint32(4, bytes.length - 8, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  v.setUint32(16, fmtSize, true);
  v.setUint16(20, extensible ? 0xfffe : format, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, (rate * channels * bits) / 8, true);
  v.setUint16(32, (channels * bits) / 8, true);
  v.setUint16(34, bits, true);
  if (extensible) {
    v.setUint16(36, 22, true);
    v.setUint16(44, format, true);
  }
  tag(20 + fmtSize, 'data');
  v.setUint32(24 + fmtSize, body.length, true);
  bytes.set(body, 28 + fmtSize);
  return bytes;
}

describe('decodeWav', () => {
  it('round-trips 16-bit PCM written by encodeWav16', () => {
    const samples = Float32Array.from([0, 0.5, -0.5, 0.999, -1]);
    const audio = decodeWav(encodeWav16(samples, 22050));
    expect(audio.sampleRate).toBe(22050);
    expect(audio.channels).toHaveLength(1);
    [...samples].forEach((s, i) => expect(audio.channels[0][i]).toBeCloseTo(s, 3));
  });

  it('reads 24-bit stereo, and toMono averages the channels', () => {
    const body = new Uint8Array(6);
    const v = new DataView(body.buffer);
    // left 0.5 (0x400000), right -0.25 (-0x200000) as little-endian 24-bit
    [0x00, 0x00, 0x40].forEach((b, i) => v.setUint8(i, b));
    [0x00, 0x00, 0xe0].forEach((b, i) => v.setUint8(3 + i, b));
    const audio = decodeWav(wavBytes(1, 24, 2, 16000, body));
    expect(audio.channels[0][0]).toBeCloseTo(0.5, 6);
    expect(audio.channels[1][0]).toBeCloseTo(-0.25, 6);
    expect(toMono(audio)[0]).toBeCloseTo(0.125, 6);
  });

  it('reads 32-bit float in a WAVE_FORMAT_EXTENSIBLE header', () => {
    const body = new Uint8Array(8);
    new DataView(body.buffer).setFloat32(0, 0.25, true);
    new DataView(body.buffer).setFloat32(4, -0.75, true);
    const audio = decodeWav(wavBytes(3, 32, 1, 48000, body, true));
    expect([...audio.channels[0]]).toEqual([0.25, -0.75]);
  });

  it('rejects what is not a PCM WAV', () => {
    expect(() => decodeWav(new TextEncoder().encode('ID3 not a wav file at all'))).toThrow(InvalidWavError);
    expect(() => decodeWav(wavBytes(85, 16, 1, 8000, new Uint8Array(4)))).toThrow(/unsupported/);
  });
});
