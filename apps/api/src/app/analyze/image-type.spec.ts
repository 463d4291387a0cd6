import { sniffImageType } from './image-type';

describe('sniffImageType', () => {
  it('knows JPEG and PNG by their first bytes', () => {
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBe('jpeg');
    expect(sniffImageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toBe('png');
  });

  it('refuses everything else, including truncated signatures and GIF/WebP', () => {
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8]))).toBeUndefined();
    expect(sniffImageType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    expect(sniffImageType(new TextEncoder().encode('GIF89a...'))).toBeUndefined();
    expect(sniffImageType(new TextEncoder().encode('RIFF....WEBPVP8 '))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });
});
