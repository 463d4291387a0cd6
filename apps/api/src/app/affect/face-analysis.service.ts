import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { FaceAnalysis, FacePipeline } from '@attune/affect';

/** Holds the server's face pipeline: loaded and warmed once at boot, shared by all sessions. */
@Injectable()
export class FaceAnalysisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(FaceAnalysisService.name);
  private readonly pipeline = new FacePipeline();

  /** Loads and warms the models; a model that fails is reported by health, and the server still runs. */
  async onModuleInit(): Promise<void> {
    const started = Date.now();
    const statuses = await this.pipeline.load();
    for (const s of statuses.filter((m) => !m.loaded)) this.logger.error(`model ${s.id} failed to load: ${s.error}`);
    if (statuses.every((m) => m.loaded)) {
      await this.pipeline.warmup();
      this.logger.log(`face models ready on ${statuses[0]?.backend} in ${Date.now() - started} ms`);
    }
  }

  analyze(image: Uint8Array): Promise<FaceAnalysis> {
    return this.pipeline.analyzeImage(image);
  }

  status() {
    return this.pipeline.status();
  }

  onApplicationShutdown(): void {
    this.pipeline.dispose();
  }
}
