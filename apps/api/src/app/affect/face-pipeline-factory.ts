import type { Logger } from '@nestjs/common';
import { BlazeFaceDetector, faceModelCatalog, FacePipeline, TinyFaceDetector } from '@attune/affect';
import type { AppConfig } from '../config/app-config';

export type FacePipelineUse = 'live' | 'upload';

/**
 * The face pipeline for live frames or uploaded photos, with the configured classifier
 * (FACE_MODEL_LIVE / FACE_MODEL_UPLOAD, else the catalog default, logged when it falls back),
 * loaded and warmed. Live frames use the tiny face detector (fast enough for 20 ms frames);
 * uploads use BlazeFace, which also finds the smaller faces of group photos (libs/affect/README.md).
 * An unknown configured model id rejects, so a typo stops the server at boot.
 */
export async function createFacePipeline(
  use: FacePipelineUse,
  config: Pick<AppConfig, 'modelsDir' | 'faceModelLive' | 'faceModelUpload'>,
  logger: Pick<Logger, 'log' | 'warn' | 'error'>,
): Promise<FacePipeline> {
  const catalog = await faceModelCatalog(config.modelsDir);
  const requested = use === 'live' ? config.faceModelLive : config.faceModelUpload;
  const { entry, warning } = catalog.resolve(use, requested);
  if (warning) logger.warn(warning);
  const pipeline = new FacePipeline({
    detector: use === 'live' ? new TinyFaceDetector() : new BlazeFaceDetector(),
    classifier: entry.create(),
  });
  const started = Date.now();
  const statuses = await pipeline.load();
  for (const s of statuses.filter((m) => !m.loaded)) logger.error(`model ${s.id} failed to load: ${s.error}`);
  if (statuses.every((m) => m.loaded)) {
    await pipeline.warmup();
    logger.log(
      `${use} face models ${statuses.map((s) => s.id).join(' + ')} ready on ${statuses[0]?.backend} in ${Date.now() - started} ms`,
    );
  }
  return pipeline;
}
