import { greyModelInput } from '@attune/face-net';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LoadableModel } from '../loadable-model';
import { loadLayersModelFromDisk } from '../model-loader';
import type { FaceCropClassifier, FaceLabel } from './face-crop-classifier';
import { probabilityRows } from './probabilities';
import type { TrainedModelMetadata } from './trained-model-metadata';

/**
 * A face model trained by Attune (`attune train face`), from its folder `models/<id>/`:
 * metadata.json plus either model.json + weights (tfjs layers format) or, for an ensemble, the
 * ids of sibling model folders whose probabilities it averages. With `tta` each crop's mirror
 * image is averaged in too. Input as metadata.json's `preprocessing` says: grey, resized to
 * `inputSize`, divided by 255 (face-net's `greyModelInput`, which the trainer applies too).
 */
export class TrainedFaceClassifier
  extends LoadableModel<LayersModel | TrainedFaceClassifier[]>
  implements FaceCropClassifier
{
  readonly labels: readonly FaceLabel[];
  readonly inputSize: number;
  readonly metadata: TrainedModelMetadata;

  constructor(readonly dir: string) {
    const metadata = readMetadata(dir);
    super(metadata.id);
    this.metadata = metadata;
    this.labels = metadata.labels;
    this.inputSize = metadata.inputSize;
  }

  async warmup(): Promise<void> {
    const crops = tf.zeros([1, this.inputSize, this.inputSize, 1]) as tf.Tensor4D;
    try {
      await this.classifyCrops(crops);
    } finally {
      crops.dispose();
    }
  }

  async classifyCrops(crops: tf.Tensor4D): Promise<number[][]> {
    const loaded = this.loaded;
    if (crops.shape[0] === 0) return [];
    const output = tf.tidy(() => this.probabilitiesOf(loaded, crops, this.metadata.tta ?? false));
    try {
      return await probabilityRows(output, this.labels.length);
    } finally {
      output.dispose();
    }
  }

  /**
   * `[n, labels]` probabilities of grey 0..255 crops, synchronously (a teacher inside a training
   * step); call inside tf.tidy. `tta` averages in each crop's mirror image: a model's own setting,
   * and an ensemble's `tta` applies it to every member.
   */
  probabilities(crops: tf.Tensor4D, tta = this.metadata.tta ?? false): tf.Tensor2D {
    return this.probabilitiesOf(this.loaded, crops, tta);
  }

  protected async open(): Promise<LayersModel | TrainedFaceClassifier[]> {
    const memberIds = this.metadata.members;
    if (memberIds?.length) {
      const members = memberIds.map((id) => new TrainedFaceClassifier(join(dirname(this.dir), id)));
      for (const member of members) {
        if (member.labels.join() !== this.labels.join()) {
          throw new Error(
            `ensemble ${this.id}: member ${member.id} has labels ${member.labels.join()}, expected ${this.labels.join()}`,
          );
        }
      }
      try {
        await Promise.all(members.map((m) => m.load()));
      } catch (error) {
        this.release(members);
        throw error;
      }
      return members;
    }
    const model = await loadLayersModelFromDisk(join(this.dir, 'model.json'));
    const classes = model.outputs[0].shape[1];
    if (classes !== this.labels.length) {
      model.dispose();
      throw new Error(
        `model ${this.id} outputs ${classes} classes but metadata.json lists ${this.labels.length} labels`,
      );
    }
    return model;
  }

  protected release(loaded: LayersModel | TrainedFaceClassifier[]): void {
    if (Array.isArray(loaded)) loaded.forEach((m) => m.dispose());
    else loaded.dispose();
  }

  private probabilitiesOf(
    loaded: LayersModel | TrainedFaceClassifier[],
    crops: tf.Tensor4D,
    tta: boolean,
  ): tf.Tensor2D {
    const outputs = Array.isArray(loaded)
      ? loaded.map((m) => m.probabilities(crops, tta || (m.metadata.tta ?? false)))
      : [predictFaces(loaded, greyModelInput(crops, this.inputSize), tta)];
    return (outputs.length === 1 ? outputs[0] : tf.div(tf.addN(outputs), outputs.length)) as tf.Tensor2D;
  }
}

/** Loads (weights included) the trained model in `dir`. */
export async function loadTrainedFaceClassifier(dir: string): Promise<TrainedFaceClassifier> {
  const classifier = new TrainedFaceClassifier(dir);
  await classifier.load();
  return classifier;
}

function readMetadata(dir: string): TrainedModelMetadata {
  const file = join(dir, 'metadata.json');
  const metadata = JSON.parse(readFileSync(file, 'utf8')) as TrainedModelMetadata;
  if (typeof metadata.id !== 'string' || !Array.isArray(metadata.labels) || !(metadata.inputSize > 0)) {
    throw new Error(`${file}: expected id, labels and inputSize`);
  }
  if (metadata.id !== basename(dir)) throw new Error(`${file}: id "${metadata.id}" differs from its folder name`);
  return metadata;
}

/**
 * A trained face model's `[n, labels]` probabilities for model-ready input; with `tta`, averaged
 * with those of each crop's left-right mirror. Call inside tf.tidy.
 */
export function predictFaces(model: LayersModel, input: tf.Tensor4D, tta: boolean): tf.Tensor2D {
  const probs = model.predict(input) as tf.Tensor2D;
  if (!tta) return probs;
  return tf.div(tf.add(probs, model.predict(tf.reverse(input, 2)) as tf.Tensor2D), 2);
}
