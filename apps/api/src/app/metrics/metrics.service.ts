import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const MS_BUCKETS = [0.005, 0.01, 0.02, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5];

/**
 * Prometheus metrics of this instance, on a registry of its own (several app instances in one
 * process, as in the tests, must not share counters).
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly liveSessions = new Gauge({
    name: 'attune_live_sessions',
    help: 'Sessions connected to this instance',
    registers: [this.registry],
  });
  readonly frames = new Counter({
    name: 'attune_frames_total',
    help: 'Webcam frames by outcome: processed, replaced (a newer frame took its slot), rejected (bad input or no consent)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly frameSeconds = new Histogram({
    name: 'attune_frame_processing_seconds',
    help: 'Server time from a frame reaching its slot to its result',
    buckets: MS_BUCKETS,
    registers: [this.registry],
  });
  readonly modelSeconds = new Histogram({
    name: 'attune_model_seconds',
    help: 'Face pipeline stage time per frame',
    labelNames: ['stage'] as const,
    buckets: MS_BUCKETS,
    registers: [this.registry],
  });
  readonly waitingFrames = new Gauge({
    name: 'attune_frames_waiting',
    help: 'Frames waiting in latest-wins slots (at most one per session)',
    registers: [this.registry],
  });
  readonly faceBatchSize = new Histogram({
    name: 'attune_face_batch_size',
    help: 'Face crops classified together in one micro-batch',
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });
  readonly inferenceQueue = new Gauge({
    name: 'attune_face_inference_queue',
    help: 'Face tasks waiting for a batch or for a worker',
    registers: [this.registry],
  });
  readonly dbWriteSeconds = new Histogram({
    name: 'attune_db_write_seconds',
    help: 'Time to store one affect sample',
    buckets: MS_BUCKETS,
    registers: [this.registry],
  });
  readonly textMessages = new Counter({
    name: 'attune_text_messages_total',
    help: 'Typed messages analysed',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'attune_process_' });
  }
}
