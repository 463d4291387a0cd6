import {
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  OnModuleInit,
  ServiceUnavailableException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { InvalidImageError, type FacePipeline, type ModelStatus } from '@attune/affect';
import { createFacePipeline } from '../affect/face-pipeline-factory';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { ImageAnalysisDto } from './image-analysis.dto';
import { sniffImageType } from './image-type';

/** Uploaded photos -> faces and emotions, with the upload model (`accurate`, else the fallback). */
@Injectable()
export class ImageAnalysisService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ImageAnalysisService.name);
  private pipeline: FacePipeline | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    this.pipeline = await createFacePipeline('upload', this.config, this.logger);
  }

  /** Throws 415 for bytes that are not JPEG/PNG, 422 for broken images, 503 when models are down. */
  async analyze(bytes: Uint8Array | undefined): Promise<ImageAnalysisDto> {
    if (!bytes || bytes.length === 0)
      throw new UnprocessableEntityException('send the image in the multipart field "image"');
    const type = sniffImageType(bytes);
    if (!type) throw new UnsupportedMediaTypeException('the image must be a JPEG or PNG file');
    const pipeline = this.pipeline;
    if (!pipeline) throw new ServiceUnavailableException('face models are still loading');
    let analysis;
    try {
      analysis = await pipeline.analyzeImage(bytes);
    } catch (error) {
      if (error instanceof InvalidImageError)
        throw new UnprocessableEntityException(`the ${type} file is broken: ${error.message}`);
      throw error;
    }
    if (analysis.error) throw new ServiceUnavailableException(analysis.error);
    return {
      width: analysis.width,
      height: analysis.height,
      type,
      models: { detector: pipeline.detector.id, classifier: pipeline.classifier.id },
      faces: analysis.faces.map(({ box, pixels, score, estimate }) => ({
        box,
        pixels,
        score,
        label: estimate.label,
        confidence: estimate.confidence,
        distribution: estimate.distribution,
        valence: estimate.valence,
        arousal: estimate.arousal,
      })),
      timings: analysis.timings,
    };
  }

  status(): ModelStatus[] {
    return this.pipeline?.status() ?? [];
  }

  onApplicationShutdown(): void {
    this.pipeline?.dispose();
  }
}
