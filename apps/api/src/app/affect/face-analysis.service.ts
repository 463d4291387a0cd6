import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { FaceAnalysis, FacePipeline, ModelStatus } from '@attune/affect';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { createFacePipeline } from './face-pipeline-factory';

/** Holds the server's live face pipeline: loaded and warmed once at boot, shared by all sessions. */
@Injectable()
export class FaceAnalysisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(FaceAnalysisService.name);
  private pipeline: FacePipeline | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Loads and warms the models; a model that fails is reported by health, and the server still runs. */
  async onModuleInit(): Promise<void> {
    this.pipeline = await createFacePipeline('live', this.config, this.logger);
  }

  analyze(image: Uint8Array): Promise<FaceAnalysis> {
    if (!this.pipeline) throw new Error('the face pipeline is not initialised yet');
    return this.pipeline.analyzeImage(image);
  }

  status(): ModelStatus[] {
    return this.pipeline?.status() ?? [];
  }

  onApplicationShutdown(): void {
    this.pipeline?.dispose();
  }
}
