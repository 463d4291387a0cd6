import { GREY_CROP_MIME, FrameRateAdvice, FrameResult, NAMESPACES, PARTICIPANT_EVENTS, SERVER_EVENTS, type Ack, type SessionStarted } from '@attune/protocol';
import { io, type Socket } from 'socket.io-client';
import type { TestFace } from './test-faces';

export type StreamMode = 'crop' | 'frame';

/** About ten seconds at 5 fps: long enough for the mood to settle, as with a real participant. */
const FRAMES_PER_FACE = 50;

/** What one simulated participant saw while recording. */
export interface ClientTally {
  sent: number;
  processed: number;
  replaced: number;
  /** Typed error acks by code. */
  errors: Record<string, number>;
  /** Frame ticks not sent because the previous frame was still unanswered (as the web client does). */
  skipped: number;
  /** Milliseconds from emit to the answer carrying the emotion, for processed frames. */
  latencies: number[];
  advice: FrameRateAdvice[];
}

/**
 * One simulated participant: a demo session on its own socket.io connection, sending real face
 * frames (or crops) on a timer the way the web client does: one frame in flight at a time, at
 * the interval the server asks for (`frame-rate`) unless told to keep the requested rate.
 */
export class StreamClient {
  private socket: Socket | null = null;
  private timer: NodeJS.Timeout | null = null;
  private seq = 0;
  private inFlight = 0;
  private recording = false;
  readonly tally: ClientTally = { sent: 0, processed: 0, replaced: 0, errors: {}, skipped: 0, latencies: [], advice: [] };

  constructor(
    private readonly url: string,
    private readonly faces: TestFace[],
    private readonly mode: StreamMode,
    private intervalMs: number,
    private readonly options: { followAdvice: boolean; pipelined: boolean; offset: number },
  ) {}

  async connect(): Promise<SessionStarted> {
    const socket = io(`${this.url}${NAMESPACES.participant}`, { transports: ['websocket'], forceNew: true, reconnection: false });
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const ack = (await socket.timeout(30_000).emitWithAck(PARTICIPANT_EVENTS.startSession, {})) as Ack<SessionStarted>;
    if (!ack.ok) throw new Error(`session:start refused: ${ack.error.code} ${ack.error.message}`);
    socket.on(SERVER_EVENTS.frameRate, (advice: FrameRateAdvice) => {
      if (this.recording) this.tally.advice.push(advice);
      if (this.options.followAdvice) this.schedule(advice.frameIntervalMs);
    });
    return ack.data;
  }

  start(): void {
    this.schedule(this.intervalMs);
  }

  record(on: boolean): void {
    this.recording = on;
  }

  stopSending(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  get unanswered(): number {
    return this.inFlight;
  }

  close(): void {
    this.stopSending();
    this.socket?.disconnect();
  }

  private schedule(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.stopSending();
    this.timer = setInterval(() => this.tick(), intervalMs);
  }

  private tick(): void {
    const socket = this.socket;
    if (!socket?.connected) return;
    if (this.inFlight > 0 && !this.options.pipelined) {
      if (this.recording) this.tally.skipped++;
      return;
    }
    // A webcam shows one person for a while: each participant keeps a face for FRAMES_PER_FACE frames.
    const face = this.faces[(this.options.offset + Math.floor(this.seq / FRAMES_PER_FACE)) % this.faces.length];
    const seq = this.seq++;
    const payload =
      this.mode === 'crop'
        ? { seq, mime: GREY_CROP_MIME, data: face.crop, crop: { x: 0.33, y: 0.27, width: 0.34, height: 0.46 } }
        : { seq, mime: 'image/jpeg', data: face.frame };
    const counted = this.recording;
    const sentAt = performance.now();
    this.inFlight++;
    if (counted) this.tally.sent++;
    socket.emit(PARTICIPANT_EVENTS.frame, payload, (ack: Ack<FrameResult>) => {
      this.inFlight--;
      if (!counted) return;
      if (!ack.ok) this.tally.errors[ack.error.code] = (this.tally.errors[ack.error.code] ?? 0) + 1;
      else if (ack.data.replaced) this.tally.replaced++;
      else {
        this.tally.processed++;
        this.tally.latencies.push(performance.now() - sentAt);
      }
    });
  }
}
