import { extname } from 'node:path';

/** Containers that browsers' <audio> element commonly plays, with the MIME types to serve them with. */
const AUDIO_FORMATS = {
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
} as const;

export type AudioFormat = keyof typeof AUDIO_FORMATS;

export const SUPPORTED_EXTENSIONS = Object.keys(AUDIO_FORMATS).map((format) => `.${format}`);

/** Format and MIME type of a file by its extension (any case), or null if it is not audio we serve. */
export function audioFormatOf(fileName: string): { format: AudioFormat; mimeType: string } | null {
  const format = extname(fileName).slice(1).toLowerCase();
  return isAudioFormat(format) ? { format, mimeType: AUDIO_FORMATS[format] } : null;
}

// An own-property check: `in` would also accept inherited names such as "constructor".
function isAudioFormat(extension: string): extension is AudioFormat {
  return Object.prototype.hasOwnProperty.call(AUDIO_FORMATS, extension);
}
