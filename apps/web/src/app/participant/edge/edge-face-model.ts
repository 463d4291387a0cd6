import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { FACE_CROP_SIDE, type FaceBox, type FaceEstimatePayload } from '@attune/protocol';
import { canonical } from './canonical';
import { DETECTOR_WEIGHTS, detectFaces, faceCrops, type Detection } from './tiny-face-net';

/** `GET /api/edge-model`: where the browser fetches the models the server would run. */
export interface EdgeModelDescription {
  detector: { id: string; manifestUrl: string; inputSize: number; cropScale: number };
  classifier: { id: string; modelUrl: string; labels: string[]; inputSize: number };
}

export type EdgeEstimate = Omit<FaceEstimatePayload, 'seq'>;

/** Crop mode: what the browser found; `data` is the largest face, FACE_CROP_SIDE^2 raw grey bytes, for the server to classify. */
export interface FaceCrop {
  faces: number;
  box: FaceBox | null;
  data: Uint8Array | null;
}

/** Same thresholds as the server's live detector (TinyFaceDetector defaults). */
const MIN_SCORE = 0.5;
const MAX_FACES = 5;
const IOU_THRESHOLD = 0.4;

/**
 * The face pipeline in the browser (edge mode): tiny face detector + trained classifier, run on
 * the camera picture; only the resulting distribution and box leave the device. Loaded lazily,
 * with tfjs, only when a session runs in edge mode.
 */
export class EdgeFaceModel {
  private constructor(
    private readonly description: EdgeModelDescription,
    private readonly detector: tf.NamedTensorMap,
    private readonly classifier: LayersModel,
    readonly backend: string,
  ) {}

  get id(): string {
    return `${this.description.detector.id}-${this.description.detector.inputSize}+${this.description.classifier.id}`;
  }

  static async load(fetchFn: typeof fetch = fetch.bind(globalThis)): Promise<EdgeFaceModel> {
    await tf.setBackend('cpu');
    await tf.ready();
    const response = await fetchFn('/api/edge-model');
    if (!response.ok) throw new Error(`the server offers no face model for the browser (${response.status})`);
    const description = (await response.json()) as EdgeModelDescription;
    const [detector, classifier] = await Promise.all([
      loadWeightMap(description.detector.manifestUrl, fetchFn),
      loadLayersModel(description.classifier.modelUrl),
    ]);
    const missing = DETECTOR_WEIGHTS.filter((name) => !detector[name]);
    if (missing.length) {
      tf.dispose(Object.values(detector));
      classifier.dispose();
      throw new Error(`the face detector weights lack ${missing.join(', ')}`);
    }
    return new EdgeFaceModel(description, detector, classifier, tf.getBackend());
  }

  /** The largest face's estimate in what `source` shows now; null while it shows nothing. */
  async analyse(source: HTMLVideoElement | HTMLCanvasElement | ImageData): Promise<EdgeEstimate | null> {
    if (source instanceof HTMLVideoElement && (source.readyState < 2 || source.videoWidth === 0)) return null;
    const image = tf.browser.fromPixels(source);
    try {
      const found = await this.largestFace(image);
      if (!found) return { faces: 0, distribution: null, box: null, modelId: this.id };
      const { cropScale } = this.description.detector;
      const { inputSize } = this.description.classifier;
      const output = tf.tidy(
        () => this.classifier.predict(faceCrops(image, [found.largest.pixels], cropScale, inputSize)) as tf.Tensor,
      );
      const probabilities = Array.from(await output.data());
      output.dispose();
      return {
        faces: found.faces,
        distribution: canonical(probabilities, this.description.classifier.labels),
        box: found.box,
        modelId: this.id,
      };
    } finally {
      image.dispose();
    }
  }

  /**
   * Crop mode (the default live mode): the detector runs here and only the largest face, cut out
   * as FACE_CROP_SIDE x FACE_CROP_SIDE grey pixels (GREY_CROP_MIME), goes to the server, which
   * classifies it without decoding or detecting again.
   */
  async cropLargestFace(video: HTMLVideoElement): Promise<FaceCrop | null> {
    if (video.readyState < 2 || video.videoWidth === 0) return null;
    const image = tf.browser.fromPixels(video);
    try {
      const found = await this.largestFace(image);
      if (!found) return { faces: 0, box: null, data: null };
      const { cropScale } = this.description.detector;
      const grey = tf.tidy(() =>
        tf.cast(tf.round(tf.mul(faceCrops(image, [found.largest.pixels], cropScale, FACE_CROP_SIDE), 255)), 'int32'),
      );
      const pixels = await grey.data();
      grey.dispose();
      return { faces: found.faces, box: found.box, data: Uint8Array.from(pixels) };
    } finally {
      image.dispose();
    }
  }

  private async largestFace(image: tf.Tensor3D): Promise<{ faces: number; largest: Detection; box: FaceBox } | null> {
    const [height, width] = image.shape;
    const faces = await detectFaces(image, this.detector, {
      inputSize: this.description.detector.inputSize,
      minScore: MIN_SCORE,
      maxFaces: MAX_FACES,
      iouThreshold: IOU_THRESHOLD,
    });
    if (!faces.length) return null;
    const largest = faces.reduce((a, b) => (b.pixels.width * b.pixels.height > a.pixels.width * a.pixels.height ? b : a));
    const p = largest.pixels;
    return {
      faces: faces.length,
      largest,
      box: { x: p.x / width, y: p.y / height, width: p.width / width, height: p.height / height },
    };
  }

  dispose(): void {
    tf.dispose(Object.values(this.detector));
    this.classifier.dispose();
  }
}

async function loadWeightMap(manifestUrl: string, fetchFn: typeof fetch): Promise<tf.NamedTensorMap> {
  const base = manifestUrl.slice(0, manifestUrl.lastIndexOf('/') + 1);
  const manifest = (await (await fetchFn(manifestUrl)).json()) as tf.io.WeightsManifestConfig;
  const maps = await Promise.all(
    manifest.map(async (group) => {
      const shards = await Promise.all(
        group.paths.map(async (path) => {
          const response = await fetchFn(base + path);
          if (!response.ok) throw new Error(`could not fetch ${path} (${response.status})`);
          return new Uint8Array(await response.arrayBuffer());
        }),
      );
      const joined = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
      let at = 0;
      for (const shard of shards) {
        joined.set(shard, at);
        at += shard.length;
      }
      return tf.io.decodeWeights(joined.buffer, group.weights);
    }),
  );
  return Object.assign({}, ...maps);
}
