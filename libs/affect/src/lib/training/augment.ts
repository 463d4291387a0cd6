import * as tf from '@tensorflow/tfjs-core';

/** Random label-preserving changes per training image; 0 disables a change. */
export interface AugmentConfig {
  /** Mirror left-right with probability 1/2. */
  flip: boolean;
  /** Rotation, uniform in +-degrees. */
  rotateDegrees: number;
  /** Translation, uniform in +- this fraction of the side, per axis. */
  shift: number;
  /** Scale, uniform in 1 +- this. */
  zoom: number;
  /** Added to every pixel, uniform in +- this fraction of 255. */
  brightness: number;
  /** Contrast around mid-grey, uniform in 1 +- this. */
  contrast: number;
}

export const NO_AUGMENTATION: AugmentConfig = {
  flip: false,
  rotateDegrees: 0,
  shift: 0,
  zoom: 0,
  brightness: 0,
  contrast: 0,
};

/**
 * Augments a batch `[n, h, w, c]` of 0..255 images; the same `random` sequence gives the same
 * batch. One affine per image (flip, rotation, zoom and shift about the centre) through
 * tf.image.transform with edge pixels repeated outwards, then brightness/contrast, clipped to 0..255.
 */
export function augmentBatch(images: tf.Tensor4D, config: AugmentConfig, random: () => number): tf.Tensor4D {
  const [n, h, w] = images.shape;
  const uniform = (range: number) => (random() * 2 - 1) * range;
  const matrices: number[] = [];
  const gains: number[] = [];
  const biases: number[] = [];
  for (let i = 0; i < n; i++) {
    const mirror = config.flip && random() < 0.5 ? -1 : 1;
    const angle = (uniform(config.rotateDegrees) * Math.PI) / 180;
    const scale = 1 + uniform(config.zoom);
    const dx = uniform(config.shift) * w;
    const dy = uniform(config.shift) * h;
    // transform maps output pixels to input pixels: in = c + R(angle) S(mirror/scale, 1/scale) (out - c) + d.
    const cos = Math.cos(angle) / scale;
    const sin = Math.sin(angle) / scale;
    const [a0, a1, b0, b1] = [cos * mirror, -sin, sin * mirror, cos];
    const cx = (w - 1) / 2;
    const cy = (h - 1) / 2;
    matrices.push(a0, a1, cx - a0 * cx - a1 * cy + dx, b0, b1, cy - b0 * cx - b1 * cy + dy, 0, 0);
    gains.push(1 + uniform(config.contrast));
    biases.push(uniform(config.brightness) * 255);
  }
  return tf.tidy(() => {
    const moved = tf.image.transform(images, tf.tensor2d(matrices, [n, 8]), 'bilinear', 'nearest');
    const gain = tf.tensor4d(gains, [n, 1, 1, 1]);
    const bias = tf.tensor4d(biases, [n, 1, 1, 1]);
    return tf.clipByValue(tf.add(tf.mul(tf.sub(moved, 127.5), gain), tf.add(bias, 127.5)), 0, 255) as tf.Tensor4D;
  });
}
