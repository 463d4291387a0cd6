import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { FaceAnalysis, FacePipeline } from '@attune/affect';

/** Holds the server's face pipeline: loaded and warmed once at boot, shared by all sessions. */
@Injectable()
export class FaceAnalysisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(FaceAnalysisService.name);
  private readonly pipeline = new FacePipeline();

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    try {
      await this.pipeline.load();
      await this.pipeline.warmup();
      this.logger.log(`face pipeline ready in ${Date.now() - started} ms`);
    } catch (err) {
      // The server still serves music and stores feedback; health reports the model as not loaded.
      this.logger.error(`face pipeline failed to load: ${(err as Error).message}`);
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
