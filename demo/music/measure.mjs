#!/usr/bin/env node
// Measures the audio features that sorted the demo excerpts into emotion folders
// (nobody listened to them; see README.md). Needs ffmpeg on PATH; no npm packages.
//
//   node demo/music/measure.mjs demo/music/*/*.ogg      features of excerpts, as TSV
//   node demo/music/measure.mjs --pick-start 35 a.ogg   start second of a typical window
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';

const RATE = 22050;
const FRAME = 2048;
const HOP = 512;

function ffmpeg(args) {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-nostats', ...args], { maxBuffer: 1 << 30 });
  if (run.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${run.stderr}`);
  return run;
}

function decodeMono(file) {
  const out = ffmpeg(['-v', 'error', '-i', file, '-ac', '1', '-ar', String(RATE), '-f', 'f32le', '-']).stdout;
  // Copy: Buffer views may be unaligned for a Float32Array.
  return new Float32Array(out.buffer.slice(out.byteOffset, out.byteOffset + out.length));
}

/** EBU R128 integrated loudness (LUFS) and loudness range (LU), from ffmpeg's summary. */
function r128(file) {
  const log = ffmpeg(['-i', file, '-af', 'ebur128', '-f', 'null', '-']).stderr.toString();
  const summary = log.slice(log.lastIndexOf('Summary:'));
  return {
    lufs: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)[1]),
    lra: Number(/LRA:\s+(-?[\d.]+) LU/.exec(summary)[1]),
  };
}

/** In-place iterative radix-2 FFT. */
function fft(re, im) {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k);
        const wi = Math.sin(ang * k);
        const a = i + k;
        const b = a + len / 2;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

function magnitudeFrames(x) {
  const hann = Float64Array.from({ length: FRAME }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FRAME));
  const frames = [];
  for (let start = 0; start + FRAME <= x.length; start += HOP) {
    const re = new Float64Array(FRAME);
    const im = new Float64Array(FRAME);
    for (let i = 0; i < FRAME; i++) re[i] = x[start + i] * hann[i];
    fft(re, im);
    frames.push(Float64Array.from({ length: FRAME / 2 }, (_, k) => Math.hypot(re[k], im[k])));
  }
  return frames;
}

// Krumhansl-Kessler key profiles (C major / C minor): the usual cue for mode,
// which is the strongest single audio correlate of perceived valence we can compute here.
const MAJOR = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];
const NOTES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

function pearson(a, b) {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - ma) * (b[i] - mb);
    da += (a[i] - ma) ** 2;
    db += (b[i] - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

function estimateKey(frames) {
  const chroma = new Array(12).fill(0);
  for (const mag of frames) {
    for (let k = 1; k < mag.length; k++) {
      const hz = (k * RATE) / FRAME;
      if (hz < 65 || hz > 2000) continue; // C2..B6: where pitch, not noise, dominates
      const pc = (Math.round(12 * Math.log2(hz / 440)) + 9 + 1200) % 12;
      chroma[pc] += mag[k] ** 2;
    }
  }
  const major = bestTonic(chroma, MAJOR);
  const minor = bestTonic(chroma, MINOR);
  const isMajor = major.r >= minor.r;
  const tonic = isMajor ? major.tonic : minor.tonic;
  // Positive = major-leaning; its size says how clearly one mode's profile fits better.
  return { key: `${NOTES[tonic]} ${isMajor ? 'major' : 'minor'}`, modeMargin: major.r - minor.r };
}

/** The rotation of a key profile that correlates best with the chroma vector. */
function bestTonic(chroma, profile) {
  let best = { tonic: 0, r: -Infinity };
  for (let tonic = 0; tonic < 12; tonic++) {
    const r = pearson(
      chroma,
      profile.map((_, i) => profile[(i - tonic + 12) % 12]),
    );
    if (r > best.r) best = { tonic, r };
  }
  return best;
}

/** Energy-weighted mean spectral centroid, so quiet frames do not dominate. */
function centroid(frames) {
  let weighted = 0;
  let energy = 0;
  for (const mag of frames) {
    let num = 0;
    let den = 0;
    for (let k = 0; k < mag.length; k++) {
      num += ((k * RATE) / FRAME) * mag[k];
      den += mag[k];
    }
    if (den > 0) {
      const e = mag.reduce((s, v) => s + v * v, 0);
      weighted += (num / den) * e;
      energy += e;
    }
  }
  return weighted / energy;
}

/** Tempo from the autocorrelation of the spectral-flux onset envelope, plus onset density. */
function rhythm(frames) {
  const flux = [0];
  for (let t = 1; t < frames.length; t++) {
    let s = 0;
    for (let k = 0; k < frames[t].length; k++)
      s += Math.max(0, Math.log1p(frames[t][k]) - Math.log1p(frames[t - 1][k]));
    flux.push(s);
  }
  const mean = flux.reduce((s, v) => s + v, 0) / flux.length;
  const env = flux.map((v) => v - mean);
  const fps = RATE / HOP;
  const acf = (lag) => env.slice(lag).reduce((s, v, i) => s + v * env[i], 0);
  const zero = acf(0);
  // A periodic envelope correlates as well at twice its period, so the raw peak
  // often lands an octave low; a log-Gaussian prior around 120 BPM (Ellis 2007) breaks the tie.
  let best = { lag: 0, clarity: 0, score: -Infinity };
  for (let lag = Math.ceil((fps * 60) / 180); lag <= Math.floor((fps * 60) / 60); lag++) {
    const clarity = acf(lag) / zero;
    const score = clarity * Math.exp(-0.5 * Math.log2((60 * fps) / lag / 120) ** 2);
    if (score > best.score) best = { lag, clarity, score };
  }
  // Integer lags are ~2-3 BPM apart near 120; a parabola through the neighbours refines the peak.
  const [a, b, c] = [acf(best.lag - 1), acf(best.lag), acf(best.lag + 1)];
  const offset = a - 2 * b + c === 0 ? 0 : (0.5 * (a - c)) / (a - 2 * b + c);
  const bpm = (60 * fps) / (best.lag + offset);
  // Onsets: local flux maxima above mean + 1 sd, at most one per 100 ms.
  const sd = Math.sqrt(env.reduce((s, v) => s + v * v, 0) / env.length);
  let onsets = 0;
  let last = -Infinity;
  for (let t = 1; t < flux.length - 1; t++) {
    if (flux[t] > mean + sd && flux[t] >= flux[t - 1] && flux[t] > flux[t + 1] && t - last > fps / 10) {
      onsets++;
      last = t;
    }
  }
  return { bpm, pulseClarity: best.clarity, onsetsPerSec: onsets / (frames.length / fps) };
}

/** Peak-to-RMS ratio around the mean, so a DC offset (Enemy Unknown has one) does not hide the dynamics. */
function crestDb(x) {
  const dc = x.reduce((s, v) => s + v, 0) / x.length;
  let peak = 0;
  let sum = 0;
  for (const v of x) {
    peak = Math.max(peak, Math.abs(v - dc));
    sum += (v - dc) ** 2;
  }
  return 20 * Math.log10(peak / Math.sqrt(sum / x.length));
}

function features(file) {
  const x = decodeMono(file);
  const frames = magnitudeFrames(x);
  return {
    ...r128(file),
    crestDb: crestDb(x),
    centroidHz: centroid(frames),
    ...rhythm(frames),
    ...estimateKey(frames),
  };
}

/**
 * Start (s) of the window whose every second stays closest (L1) to the track's
 * median per-second loudness: a typical stretch, not the intro, outro or one climax.
 */
function pickStart(file, windowSec) {
  const x = decodeMono(file);
  const seconds = Math.floor(x.length / RATE);
  // Per-second variance, not mean square: Enemy Unknown's DC offset would flatten the curve.
  const db = Array.from({ length: seconds }, (_, s) => {
    const second = x.subarray(s * RATE, (s + 1) * RATE);
    const mean = second.reduce((sum, v) => sum + v, 0) / RATE;
    const variance = second.reduce((sum, v) => sum + (v - mean) ** 2, 0) / RATE;
    return 10 * Math.log10(variance + 1e-12);
  });
  const median = [...db].sort((a, b) => a - b)[Math.floor(seconds / 2)];
  const first = Math.min(Math.round(seconds * 0.15), Math.max(0, seconds - windowSec));
  const last = Math.max(first, Math.round(seconds * 0.85) - windowSec);
  let best = { start: first, distance: Infinity };
  for (let start = first; start <= last; start++) {
    const distance = db.slice(start, start + windowSec).reduce((s, v) => s + Math.abs(v - median), 0);
    if (distance < best.distance) best = { start, distance };
  }
  return best.start;
}

const args = process.argv.slice(2);
if (args[0] === '--pick-start') {
  const windowSec = Number(args[1]);
  for (const file of args.slice(2)) console.log(`${basename(file)}\t${pickStart(file, windowSec)}`);
} else {
  const measured = args.map((file) => ({ file, ...features(file) }));
  // Arousal proxy: mean z-score of loudness, tempo, onset density and brightness,
  // relative to the files measured together (README.md explains the sorting rule).
  const z = (key) => {
    const values = measured.map((m) => m[key]);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length) || 1;
    return values.map((v) => (v - mean) / sd);
  };
  const parts = ['lufs', 'bpm', 'onsetsPerSec', 'centroidHz'].map(z);
  measured.forEach((m, i) => (m.arousal = parts.reduce((s, p) => s + p[i], 0) / parts.length));
  const columns = [
    'lufs',
    'lra',
    'crestDb',
    'centroidHz',
    'bpm',
    'pulseClarity',
    'onsetsPerSec',
    'key',
    'modeMargin',
    'arousal',
  ];
  console.log(['file', ...columns].join('\t'));
  for (const m of measured) {
    const cells = columns.map((c) =>
      typeof m[c] === 'number' ? m[c].toFixed(c === 'centroidHz' || c === 'bpm' ? 0 : 2) : m[c],
    );
    console.log([m.file, ...cells].join('\t'));
  }
}
