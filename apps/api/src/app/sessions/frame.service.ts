import { Injectable } from '@nestjs/common';
import { InvalidImageError } from '@attune/affect';
import type { FaceBox } from '@attune/protocol';
import {
  Ack,
  ackError,
  ackOk,
  FACE_CROP_SIDE,
  FramePayload,
  FrameResult,
  GREY_CROP_MIME,
  MAX_CROP_BYTES,
  MAX_FRAME_BYTES,
} from '@attune/protocol';
import { FaceAnalysisService } from '../affect/face-analysis.service';
import { FrameRateGovernor } from '../inference/frame-rate.governor';
import { MetricsService } from '../metrics/metrics.service';
import { LiveEventsService } from '../socket/live-events.service';
import { FrameSlot } from './frame-slot';
import { LiveSession } from './live-session';
import { MoodService } from './mood.service';

const JPEG_MAGIC = [0xff, 0xd8, 0xff];

/** A webcam frame's way through the server: checks, face analysis, mood, samples, first track. */
@Injectable()
export class FrameService {
  private readonly slots = new Map<string, FrameSlot<FramePayload, Ack<FrameResult>>>();

  constructor(
    private readonly face: FaceAnalysisService,
    private readonly mood: MoodService,
    private readonly events: LiveEventsService,
    private readonly metrics: MetricsService,
    private readonly frameRate: FrameRateGovernor,
  ) {}

  async submit(live: LiveSession, frame: FramePayload): Promise<Ack<FrameResult>> {
    const result = await this.check(live, frame);
    if (!result.ok) this.metrics.frames.inc({ outcome: 'rejected' });
    return result;
  }

  private async check(live: LiveSession, frame: FramePayload): Promise<Ack<FrameResult>> {
    if (live.consent && !live.consent.camera) {
      return ackError(
        'CONSENT_REQUIRED',
        'the participant has not consented to camera analysis; no frame is processed',
      );
    }
    const bytes = frame.data instanceof Uint8Array ? frame.data : new Uint8Array(frame.data);
    const limit = frame.crop ? MAX_CROP_BYTES : MAX_FRAME_BYTES;
    if (bytes.byteLength > limit) {
      const what = frame.crop ? 'face crop' : 'frame';
      return ackError('PAYLOAD_TOO_LARGE', `${what} is ${bytes.byteLength} bytes; the limit is ${limit}`);
    }
    if (frame.mime === GREY_CROP_MIME) {
      if (bytes.byteLength !== FACE_CROP_SIDE * FACE_CROP_SIDE)
        return ackError(
          'UNSUPPORTED_MEDIA',
          `a grey face crop is ${FACE_CROP_SIDE}x${FACE_CROP_SIDE} = ${FACE_CROP_SIDE ** 2} bytes, got ${bytes.byteLength}`,
        );
    } else if (!JPEG_MAGIC.every((b, i) => bytes[i] === b)) {
      return ackError('UNSUPPORTED_MEDIA', 'frame data is not a JPEG image (no JPEG signature)');
    }
    const received = performance.now();
    const pending = this.slotOf(live).submit({ ...frame, data: bytes });
    this.countWaiting();
    const ack = await pending;
    if (ack.ok && ack.data.replaced) this.frameRate.replaced();
    else if (ack.ok) this.frameRate.processed(performance.now() - received);
    return ack;
  }

  release(sessionId: string): void {
    this.slots.delete(sessionId);
  }

  private slotOf(live: LiveSession) {
    let slot = this.slots.get(live.id);
    if (!slot) {
      slot = new FrameSlot(
        (f) => this.analyse(live, f),
        (f) => {
          this.metrics.frames.inc({ outcome: 'replaced' });
          return ackOk({
            seq: f.seq,
            faces: 0,
            estimate: null,
            box: null,
            replaced: true,
          });
        },
      );
      this.slots.set(live.id, slot);
    }
    return slot;
  }

  private countWaiting(): void {
    this.metrics.waitingFrames.set([...this.slots.values()].filter((s) => s.hasWaiting).length);
  }

  private async analyse(live: LiveSession, frame: FramePayload): Promise<Ack<FrameResult>> {
    const done = this.metrics.frameSeconds.startTimer();
    try {
      return await this.analyseTimed(live, frame);
    } finally {
      done();
      this.countWaiting();
    }
  }

  private async analyseTimed(live: LiveSession, frame: FramePayload): Promise<Ack<FrameResult>> {
    if (frame.crop) return this.analyseCrop(live, frame, frame.crop);
    let analysis;
    try {
      analysis = await this.face.analyze(frame.data as Uint8Array);
    } catch (err) {
      if (err instanceof InvalidImageError)
        return ackError('UNSUPPORTED_MEDIA', `frame could not be decoded: ${err.message}`);
      throw err;
    }
    this.metrics.frames.inc({ outcome: 'processed' });
    for (const [stage, ms] of [
      ['decode', analysis.timings.decodeMs],
      ['detect', analysis.timings.detectMs],
      ['classify', analysis.timings.classifyMs],
    ] as const) {
      this.metrics.modelSeconds.observe({ stage }, ms / 1000);
    }
    const top = analysis.faces[0];
    return this.publish(live, {
      seq: frame.seq,
      faces: analysis.faces.length,
      estimate: top?.estimate ?? null,
      box: top?.box ?? null,
      ...(analysis.error ? { error: analysis.error } : {}),
    });
  }

  /** A face the client's detector found and cut out: classified in a micro-batch with other sessions' crops. */
  private async analyseCrop(live: LiveSession, frame: FramePayload, box: FaceBox): Promise<Ack<FrameResult>> {
    const started = performance.now();
    const bytes = frame.data as Uint8Array;
    const crop = await this.face.analyzeCrop(
      frame.mime === GREY_CROP_MIME ? { kind: 'grey', side: FACE_CROP_SIDE, bytes } : { kind: 'encoded', bytes },
    );
    this.metrics.modelSeconds.observe({ stage: 'classify-crop' }, (performance.now() - started) / 1000);
    if ('invalidImage' in crop && crop.invalidImage)
      return ackError('UNSUPPORTED_MEDIA', `face crop could not be decoded: ${crop.error}`);
    this.metrics.frames.inc({ outcome: 'processed' });
    const estimate = 'estimate' in crop ? crop.estimate : null;
    return this.publish(live, {
      seq: frame.seq,
      faces: 1,
      estimate,
      box,
      ...('error' in crop ? { error: crop.error } : {}),
    });
  }

  /** Tells the researchers, feeds the mood, answers the client. */
  private async publish(live: LiveSession, result: FrameResult): Promise<Ack<FrameResult>> {
    const estimate = result.estimate;
    this.events.emotion({ ...result, sessionId: live.id, at: Date.now() });
    if (estimate) {
      live.lastEstimate = estimate;
      await this.mood.observe(live, estimate);
    }
    return ackOk(result);
  }
}
