import * as tfl from '@tensorflow/tfjs-layers';

export const ARCHITECTURES = ['tiny', 'fast', 'accurate'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

/** Convolutions per stage (filters, one entry per conv); a 2x2 max-pool ends each stage. */
const STAGES: Record<Architecture, number[][]> = {
  // Smoke tests only: trains in seconds.
  tiny: [[8], [16], [32]],
  // Live frames: ~14M multiply-adds, one conv per stage but two at 12 px (ms/face in README).
  fast: [[16], [32], [64, 64], [128]],
  // Uploaded photos: twice the width, conv pairs at 24 and 12 px (~75M multiply-adds).
  accurate: [[32], [64, 64], [128, 128], [256]],
};

/**
 * A plain CNN: conv(relu) -> batch norm per layer, max-pool per stage, global average pooling,
 * dropout, softmax. Input `[n, size, size, 1]` grey scaled to 0..1. Convs carry their relu
 * because a linear conv trains through tf.fused.conv2d, whose gradient wasm cannot run
 * (wasm-gradients.ts); global pooling keeps the head small and the model size-agnostic.
 */
export function buildFaceModel(
  architecture: Architecture,
  classes: number,
  inputSize: number,
  seed: number,
): tfl.LayersModel {
  const input = tfl.input({ shape: [inputSize, inputSize, 1] });
  let x = input as tfl.SymbolicTensor;
  let layer = 0;
  const init = () => tfl.initializers.heNormal({ seed: seed + layer++ });
  for (const stage of STAGES[architecture]) {
    for (const filters of stage) {
      x = tfl.layers
        .conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: init() })
        .apply(x) as tfl.SymbolicTensor;
      // Momentum 0.9, not tfjs's 0.99: a CK+ fold has ~20 steps per epoch, and at 0.99 the moving
      // variance still carried 13% of its initial 1 after 200 steps, ten times the real variance,
      // which left inference at chance while training-mode accuracy was 87%.
      x = tfl.layers.batchNormalization({ momentum: 0.9 }).apply(x) as tfl.SymbolicTensor;
    }
    x = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(x) as tfl.SymbolicTensor;
  }
  x = tfl.layers.globalAveragePooling2d({}).apply(x) as tfl.SymbolicTensor;
  // No dropout seed: tfjs would then draw the same mask at every step.
  x = tfl.layers.dropout({ rate: 0.3 }).apply(x) as tfl.SymbolicTensor;
  const output = tfl.layers
    .dense({
      units: classes,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + layer }),
    })
    .apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: output, name: `face_${architecture}` });
}
