import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { deriveSeed, shuffled } from '../training/seeded-random';

export interface VoiceNetworkOptions {
  hidden: number;
  dropout: number;
  l2: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Weight classes by inverse frequency (the target is unweighted average recall). */
  balanceClasses: boolean;
  seed: number;
}

export const DEFAULT_VOICE_NETWORK: VoiceNetworkOptions = {
  hidden: 64,
  dropout: 0.3,
  l2: 1e-3,
  epochs: 120,
  batchSize: 32,
  learningRate: 3e-3,
  balanceClasses: true,
  seed: 7,
};

/**
 * standardised features -> Dense(hidden, relu) -> Dropout -> Dense(classes, softmax); with
 * `hidden: 0`, multinomial logistic regression.
 */
export function buildVoiceNetwork(inputs: number, classes: number, o: VoiceNetworkOptions): tfl.LayersModel {
  const hiddenLayers = () => [
    tfl.layers.dense({
      inputShape: [inputs],
      units: o.hidden,
      activation: 'relu',
      kernelInitializer: tfl.initializers.heNormal({ seed: o.seed }),
      kernelRegularizer: tfl.regularizers.l2({ l2: o.l2 }),
    }),
    tfl.layers.dropout({ rate: o.dropout, seed: deriveSeed(o.seed, 1) }),
  ];
  const model = tfl.sequential({
    layers: [
      ...(o.hidden > 0 ? hiddenLayers() : []),
      tfl.layers.dense({
        ...(o.hidden > 0 ? {} : { inputShape: [inputs] }),
        units: classes,
        activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: deriveSeed(o.seed, 2) }),
        kernelRegularizer: tfl.regularizers.l2({ l2: o.l2 }),
      }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(o.learningRate), loss: 'categoricalCrossentropy' });
  return model;
}

/**
 * Trains on standardised rows. Each epoch's order is a seeded shuffle (model.fit's own shuffle
 * uses Math.random), so a run is reproducible from its seed.
 */
export async function trainVoiceNetwork(
  rows: readonly Float32Array[],
  labels: readonly number[],
  classes: number,
  options: Partial<VoiceNetworkOptions> = {},
): Promise<tfl.LayersModel> {
  const o = { ...DEFAULT_VOICE_NETWORK, ...options };
  const width = rows[0].length;
  const model = buildVoiceNetwork(width, classes, o);
  const counts = new Array<number>(classes).fill(0);
  labels.forEach((l) => counts[l]++);
  const classWeight = o.balanceClasses
    ? Object.fromEntries(counts.map((c, i) => [i, c > 0 ? labels.length / (classes * c) : 0]))
    : undefined;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = shuffled(
      rows.map((_, i) => i),
      deriveSeed(o.seed, 100, epoch),
    );
    const x = tf.tensor2d(
      flatten(
        order.map((i) => rows[i]),
        width,
      ),
      [order.length, width],
    );
    const y = tf.oneHot(
      tf.tensor1d(
        order.map((i) => labels[i]),
        'int32',
      ),
      classes,
    );
    try {
      await model.fit(x, y, { epochs: 1, batchSize: o.batchSize, shuffle: false, verbose: 0, classWeight });
    } finally {
      x.dispose();
      y.dispose();
    }
  }
  return model;
}

/** Softmax outputs for standardised rows; leaves no tensors behind. */
export function predictProbabilities(model: tfl.LayersModel, rows: readonly Float32Array[]): Float32Array[] {
  if (rows.length === 0) return [];
  const width = rows[0].length;
  const probs = tf.tidy(() => {
    const out = model.predict(tf.tensor2d(flatten(rows, width), [rows.length, width])) as tf.Tensor;
    return out.dataSync() as Float32Array;
  });
  const classes = probs.length / rows.length;
  return rows.map((_, i) => probs.slice(i * classes, (i + 1) * classes));
}

function flatten(rows: readonly Float32Array[], width: number): Float32Array {
  const out = new Float32Array(rows.length * width);
  rows.forEach((r, i) => out.set(r, i * width));
  return out;
}

/**
 * Trains each member separately, then joins them into one LayersModel that averages their
 * softmax outputs (weights copied over), so the served model is still a single file set.
 */
export async function trainVoiceEnsemble(
  rows: readonly Float32Array[],
  labels: readonly number[],
  classes: number,
  members: readonly Partial<VoiceNetworkOptions>[],
): Promise<tfl.LayersModel> {
  const trained: tfl.LayersModel[] = [];
  try {
    for (const member of members) trained.push(await trainVoiceNetwork(rows, labels, classes, member));
    if (trained.length === 1) return trained.pop()!;
    const input = tfl.input({ shape: [rows[0].length] });
    const outputs = trained.map((member, m) => {
      // Rebuild the member's dense layers (dropout is the identity at inference) and copy weights.
      let x: tfl.SymbolicTensor = input;
      member.layers
        .filter((layer) => layer.getClassName() === 'Dense')
        .forEach((layer, d) => {
          const config = layer.getConfig() as { units: number; activation: string };
          const copy = tfl.layers.dense({
            units: config.units,
            activation: config.activation as 'relu' | 'softmax',
            name: `member${m}_dense${d}`,
          });
          x = copy.apply(x) as tfl.SymbolicTensor;
          copy.setWeights(layer.getWeights());
        });
      return x;
    });
    return tfl.model({ inputs: input, outputs: tfl.layers.average().apply(outputs) as tfl.SymbolicTensor });
  } finally {
    trained.forEach((m) => m.dispose());
  }
}
