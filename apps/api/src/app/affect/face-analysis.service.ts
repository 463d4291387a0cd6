import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { CropAnalysis, CropImage, FaceAnalysis, FacePipeline, ModelStatus } from '@attune/affect';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FaceWorkerPool } from '../inference/face-worker-pool';
import { MicroBatcher } from '../inference/micro-batcher';
import { MetricsService } from '../metrics/metrics.service';
import { createFacePipeline } from './face-pipeline-factory';

/**
 * The server's live face inference, shared by all sessions: a pool of worker threads (one per
 * core by default; FACE_WORKERS=0 keeps the models on the main thread). Whole frames go to the
 * least busy worker; face crops that clients cut out themselves are micro-batched across
 * sessions (FACE_BATCH_MAX / FACE_BATCH_DELAY_MS) into one model call.
 */
@Injectable()
export class FaceAnalysisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(FaceAnalysisService.name);
  private pool: FaceWorkerPool | null = null;
  private pipeline: FacePipeline | null = null;
  private crops: MicroBatcher<CropImage, CropAnalysis> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** Loads and warms the models; a model that fails is reported by health, and the server still runs. */
  async onModuleInit(): Promise<void> {
    const started = Date.now();
    if (this.config.faceWorkers > 0) {
      this.pool = await FaceWorkerPool.start(this.config.faceWorkers, this.config, (problem) =>
        this.logger.error(problem),
      );
      this.logger.log(`${this.pool.size} face worker threads ready in ${Date.now() - started} ms`);
    } else {
      this.pipeline = await createFacePipeline('live', this.config, this.logger);
    }
    const classify = (images: CropImage[]) =>
      this.pool ? this.pool.analyzeCrops(images) : (this.pipeline as FacePipeline).analyzeCrops(images);
    this.crops = new MicroBatcher(
      classify,
      { maxBatch: this.config.faceBatchMax, maxDelayMs: this.config.faceBatchDelayMs },
      (size) => this.metrics.faceBatchSize.observe(size),
    );
  }

  /** A whole frame: detection, crops and classification. */
  async analyze(image: Uint8Array): Promise<FaceAnalysis> {
    this.metrics.inferenceQueue.set(this.queueDepth());
    if (this.pool) return this.pool.analyzeFrame(image);
    if (!this.pipeline) throw new Error('the face pipeline is not initialised yet');
    return this.pipeline.analyzeImage(image);
  }

  /** A face crop the client's detector already cut out: classification only, batched with others. */
  analyzeCrop(image: CropImage): Promise<CropAnalysis> {
    if (!this.crops) throw new Error('the face pipeline is not initialised yet');
    const result = this.crops.submit(image);
    this.metrics.inferenceQueue.set(this.queueDepth());
    return result;
  }

  /** Crops waiting for their batch plus tasks the workers have not answered yet. */
  queueDepth(): number {
    return (this.crops?.waiting ?? 0) + (this.pool?.tasksInFlight ?? 0);
  }

  status(): ModelStatus[] {
    return this.pool?.status() ?? this.pipeline?.status() ?? [];
  }

  async onApplicationShutdown(): Promise<void> {
    this.crops?.flush();
    await this.pool?.close();
    this.pipeline?.dispose();
  }
}
