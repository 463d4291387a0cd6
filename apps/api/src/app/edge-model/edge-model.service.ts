import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { faceApiModelsDir, faceModelCatalog, type FaceModelEntry } from '@attune/affect';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { EdgeFaceModelDto } from './edge-model.dto';

const BASE = '/api/edge-model/files';
const DETECTOR_MANIFEST = 'tiny_face_detector_model-weights_manifest.json';
/** The live server's detector settings (TinyFaceDetector defaults), so both modes see the same boxes. */
const DETECTOR = { id: 'tiny-face-detector', inputSize: 224, cropScale: 0.9 };

export type EdgeFileRole = 'detector' | 'classifier';

/**
 * The models a browser runs in edge mode: face-api's tiny face detector and a trained `fast`
 * classifier (tfjs layers format, ~0.5 MB) from MODELS_DIR. Only files these models name are served.
 */
@Injectable()
export class EdgeModelService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async describe(): Promise<EdgeFaceModelDto> {
    const entry = await this.classifier();
    const metadata = entry.metadata;
    if (!metadata) throw new NotFoundException(`face model ${entry.id} has no metadata`);
    return {
      detector: { ...DETECTOR, manifestUrl: `${BASE}/detector/${DETECTOR_MANIFEST}` },
      classifier: {
        id: entry.id,
        modelUrl: `${BASE}/classifier/model.json`,
        labels: [...metadata.labels],
        inputSize: metadata.inputSize,
      },
    };
  }

  /** Absolute path of a file of the edge models; anything the models do not name is 404. */
  async filePath(role: EdgeFileRole, name: string): Promise<string> {
    if (role === 'detector') {
      const dir = faceApiModelsDir();
      const names = [DETECTOR_MANIFEST, ...shardsOf(await readJson<ManifestGroup[]>(join(dir, DETECTOR_MANIFEST)))];
      if (names.includes(name)) return join(dir, name);
    } else if (role === 'classifier') {
      const dir = join(this.config.modelsDir, (await this.classifier()).id);
      const names = [
        'model.json',
        ...shardsOf((await readJson<{ weightsManifest?: ManifestGroup[] }>(join(dir, 'model.json'))).weightsManifest),
      ];
      if (names.includes(name)) return join(dir, name);
    }
    throw new NotFoundException(`no edge model file ${role}/${name.slice(0, 80)}`);
  }

  /**
   * The server's own live model (`FACE_MODEL_LIVE`, else the catalog's live default) when it is a
   * single trained `fast` net, so edge and server sessions are scored alike; else the newest
   * finished `fast` net, FER2013-trained first (it knows neutral), else any.
   */
  private async classifier(): Promise<FaceModelEntry> {
    const catalog = await faceModelCatalog(this.config.modelsDir);
    const single = (e: FaceModelEntry) => e.metadata?.architecture === 'fast' && !e.metadata.members?.length;
    const live = catalog.resolve('live', this.config.faceModelLive).entry;
    if (single(live)) return live;
    const usable = catalog.entries.filter((e) => single(e) && e.metadata?.metrics?.['complete'] !== false);
    const chosen = usable.find((e) => e.metadata?.dataset === 'fer2013') ?? usable[0];
    if (!chosen) throw new NotFoundException('no trained fast face model for the browser in the models folder');
    return chosen;
  }
}

interface ManifestGroup {
  paths: string[];
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

function shardsOf(groups: ManifestGroup[] | undefined): string[] {
  return (groups ?? []).flatMap((g) => g.paths);
}
