import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import {
  cropFaces,
  decodeWeightManifest,
  detectTinyFaces,
  fitCrops,
  greyModelInput,
  prepareTinyFaceWeights,
  type FaceDetection,
} from '@attune/face-net';
import { FACE_CROP_SIDE, type FaceBox, type FaceEstimatePayload } from '@attune/protocol';
import { canonical } from './canonical';

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
 * the camera picture; only the resulting distribution and box leave the device. The detector,
 * boxes, crops and preprocessing are @attune/face-net's, the code the server runs, so an estimate
 * made on the device matches the one the server would have made from the frame. Loaded lazily,
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
    try {
      return new EdgeFaceModel(description, prepareTinyFaceWeights(detector), classifier, tf.getBackend());
    } catch (error) {
      tf.dispose(Object.values(detector));
      classifier.dispose();
      throw new Error(`the face detector weights do not fit: ${(error as Error).message}`);
    }
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
        () =>
          this.classifier.predict(
            greyModelInput(cropFaces(image, [found.largest.pixels], cropScale, inputSize), inputSize),
          ) as tf.Tensor,
      );
      const probabilities = Array.from(await output.data());
      output.dispose();
      return {
        faces: found.faces,
        distribution: canonical(probabilities, this.description.classifier.labels),
        box: found.largest.box,
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
        tf.cast(
          tf.round(fitCrops(cropFaces(image, [found.largest.pixels], cropScale, FACE_CROP_SIDE), FACE_CROP_SIDE, 1)),
          'int32',
        ),
      );
      const pixels = await grey.data();
      grey.dispose();
      return { faces: found.faces, box: found.largest.box, data: Uint8Array.from(pixels) };
    } finally {
      image.dispose();
    }
  }

  private async largestFace(image: tf.Tensor3D): Promise<{ faces: number; largest: FaceDetection } | null> {
    const faces = await detectTinyFaces(image, this.detector, {
      inputSize: this.description.detector.inputSize,
      minScore: MIN_SCORE,
      maxFaces: MAX_FACES,
      iouThreshold: IOU_THRESHOLD,
    });
    if (!faces.length) return null;
    const largest = faces.reduce((a, b) => (b.pixels.width * b.pixels.height > a.pixels.width * a.pixels.height ? b : a));
    return { faces: faces.length, largest };
  }

  dispose(): void {
    tf.dispose(Object.values(this.detector));
    this.classifier.dispose();
  }
}

async function loadWeightMap(manifestUrl: string, fetchFn: typeof fetch): Promise<tf.NamedTensorMap> {
  const base = manifestUrl.slice(0, manifestUrl.lastIndexOf('/') + 1);
  const manifest = (await (await fetchFn(manifestUrl)).json()) as tf.io.WeightsManifestConfig;
  return decodeWeightManifest(manifest, async (path) => {
    const response = await fetchFn(base + path);
    if (!response.ok) throw new Error(`could not fetch ${path} (${response.status})`);
    return new Uint8Array(await response.arrayBuffer());
  });
}
