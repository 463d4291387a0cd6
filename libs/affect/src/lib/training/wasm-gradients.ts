import * as tf from '@tensorflow/tfjs-core';
// tfjs-layers registers the stock gradient of every op when it loads; loaded first so the ones
// below replace those.
import '@tensorflow/tfjs-layers';

type Padding = 'same' | 'valid' | number;
type Pair = [number, number];
/** tfjs also accepts explicit per-side padding; layers never produce it. */
type AnyPadding = Padding | number[][];

interface Conv2DAttrs {
  strides: number | Pair;
  pad: AnyPadding;
  dilations?: number | Pair;
  dataFormat?: string;
}

interface MaxPoolAttrs {
  filterSize: number | Pair;
  strides: number | Pair;
  pad: AnyPadding;
}

/**
 * Replaces the gradients of Conv2D, MaxPool and FusedBatchNorm with ones built from fast forward
 * ops the wasm backend has. Its stock gradients call Conv2DBackpropFilter (absent from tfjs-backend-wasm 4.22) and
 * MaxPoolGrad (present but wrong: it differs from the cpu backend by whole units). Registering
 * is global to the process and correct on every backend, so it is done once, before training.
 *
 * Training layers models on wasm: give convolutions a non-linear activation (e.g. relu) or
 * `useBias: true` with activation. A `linear` conv2d goes through `tf.fused.conv2d`, whose own
 * gradient calls Conv2DBackpropFilter directly and fails on wasm.
 */
export function registerWasmGradients(): void {
  tf.registerGradient({ kernelName: 'Conv2D', inputsToSave: ['x', 'filter'], gradFunc: conv2dGrad });
  tf.registerGradient({ kernelName: 'MaxPool', inputsToSave: ['x'], outputsToSave: [true], gradFunc: maxPoolGrad });
  tf.registerGradient({
    kernelName: 'FusedBatchNorm',
    inputsToSave: ['x', 'mean', 'variance', 'scale'],
    gradFunc: batchNormGrad,
  });
}

/**
 * The stock batch-norm gradient, with broadcasting where it tiles the per-channel factor to the
 * input's shape: wasm's Tile took more time than all convolutions of a training step together.
 */
function batchNormGrad(dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) {
  const grad = dy as tf.Tensor;
  const [x, mean, variance, scale] = saved;
  const epsilon = (attrs as unknown as { varianceEpsilon: number }).varianceEpsilon;
  // Reduce over every axis the per-channel parameters were broadcast along.
  const axes = x.shape
    .map((_, i) => i)
    .filter((i) => i < x.rank - mean.rank || mean.shape[i - (x.rank - mean.rank)] === 1);
  const perChannel = (t: tf.Tensor) => tf.reshape(tf.sum(t, axes), mean.shape);
  const gamma = scale ?? tf.scalar(1);
  const rsqrtVar = tf.rsqrt(tf.add(variance, epsilon));
  const centred = tf.sub(x, mean);
  const dyScaled = tf.mul(grad, gamma);
  return {
    x: () => tf.mul(grad, tf.mul(rsqrtVar, gamma)),
    mean: () => perChannel(tf.neg(tf.mul(dyScaled, rsqrtVar))),
    variance: () => perChannel(tf.mul(tf.mul(dyScaled, centred), tf.mul(tf.pow(rsqrtVar, 3), -0.5))),
    scale: () => perChannel(tf.mul(grad, tf.mul(centred, rsqrtVar))),
    offset: () => perChannel(grad),
  };
}

function conv2dGrad(dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) {
  const [x, filter] = saved as [tf.Tensor4D, tf.Tensor4D];
  const { strides, pad, dilations, dataFormat } = attrs as unknown as Conv2DAttrs;
  if (dataFormat && dataFormat !== 'NHWC') throw new Error(`conv2d gradient: only NHWC, got ${dataFormat}`);
  if (pair(dilations ?? 1).some((d) => d !== 1))
    throw new Error('conv2d gradient: dilated convolutions are not supported');
  const s = pair(strides);
  const padding = simplePadding(pad, 'conv2d');
  const grad = dy as tf.Tensor4D;
  return {
    x: () => conv2dInputGrad(x.shape, grad, filter, s, padding),
    filter: () => conv2dFilterGrad(x, grad, filter.shape, s, padding),
  };
}

/**
 * For stride 1, dx is a forward convolution of dy (padded so that every input position sees the
 * windows that used it) with the filter flipped in space and its in/out channels swapped.
 * wasm's own Conv2DBackpropInput is correct but not vectorised (10x a forward conv); strided
 * convolutions fall back to it.
 */
function conv2dInputGrad(
  xShape: [number, number, number, number],
  dy: tf.Tensor4D,
  filter: tf.Tensor4D,
  strides: Pair,
  pad: Padding,
): tf.Tensor4D {
  if (strides[0] !== 1 || strides[1] !== 1) return tf.conv2dTranspose(dy, filter, xShape, strides, pad);
  const [, h, w] = xShape;
  const [kh, kw] = filter.shape;
  const [, oh, ow] = dy.shape;
  const [top] = paddingAlong(h, kh, 1, oh, pad);
  const [left] = paddingAlong(w, kw, 1, ow, pad);
  return tf.tidy(() => {
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]);
    const padded = tf.pad(dy, [
      [0, 0],
      [kh - 1 - top, h + kh - 1 - oh - (kh - 1 - top)],
      [kw - 1 - left, w + kw - 1 - ow - (kw - 1 - left)],
      [0, 0],
    ]);
    return tf.conv2d(padded as tf.Tensor4D, flipped as tf.Tensor4D, 1, 'valid');
  });
}

/**
 * dW[kh, kw, ci, co] = sum over n, i, j of xPadded[n, i*s + kh, j*s + kw, ci] * dy[n, i, j, co]:
 * a stride-1 convolution, dilated by the forward stride, of the padded input seen as `ci` images
 * of `n` channels with dy seen as an `[oh, ow, n, co]` filter.
 */
function conv2dFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  [sh, sw]: Pair,
  pad: Padding,
): tf.Tensor4D {
  const [kh, kw] = filterShape;
  const [, oh, ow] = dy.shape;
  const [top, bottom] = paddingAlong(x.shape[1], kh, sh, oh, pad);
  const [left, right] = paddingAlong(x.shape[2], kw, sw, ow, pad);
  return tf.tidy(() => {
    const padded =
      top || bottom || left || right
        ? tf.pad(x, [
            [0, 0],
            [top, bottom],
            [left, right],
            [0, 0],
          ])
        : x;
    const images = tf.transpose(padded, [3, 1, 2, 0]);
    const kernel = tf.transpose(dy, [1, 2, 0, 3]);
    const full = tf.conv2d(images, kernel, 1, 'valid', 'NHWC', [sh, sw]);
    // 'valid' with a stride may leave input rows/columns no window used: they fall outside kh x kw.
    const cropped =
      full.shape[1] === kh && full.shape[2] === kw ? full : tf.slice(full, [0, 0, 0, 0], [-1, kh, kw, -1]);
    return tf.transpose(cropped, [1, 2, 0, 3]);
  });
}

/**
 * Non-overlapping max pooling (window == stride, the tf.layers default): the gradient goes to the
 * positions equal to their window's maximum, found against the output upsampled with
 * resizeNearestNeighbor. Ties share the window's gradient equally (cpu gives it all to the first).
 */
function maxPoolGrad(dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[], attrs: tf.NamedAttrMap) {
  const [x, y] = saved as [tf.Tensor4D, tf.Tensor4D];
  const { filterSize, strides, pad } = attrs as unknown as MaxPoolAttrs;
  const [fh, fw] = pair(filterSize);
  const [sh, sw] = pair(strides);
  if (fh !== sh || fw !== sw) throw new Error(`max-pool gradient: window ${fh}x${fw} must equal stride ${sh}x${sw}`);
  const padding = simplePadding(pad, 'max-pool');
  return {
    x: () =>
      tf.tidy(() => {
        const [, h, w] = x.shape;
        const [, oh, ow] = y.shape;
        const [top, bottom] = paddingAlong(h, fh, sh, oh, padding);
        const [left, right] = paddingAlong(w, fw, sw, ow, padding);
        // The region the windows cover, in input coordinates (may extend past or stop short of x).
        const covered = tf.pad(
          x,
          [
            [0, 0],
            [top, bottom],
            [left, right],
            [0, 0],
          ],
          -Infinity,
        );
        const region = tf.slice(covered, [0, 0, 0, 0], [-1, oh * sh, ow * sw, -1]);
        const up = tf.image.resizeNearestNeighbor(y, [oh * sh, ow * sw]);
        const mask = tf.cast(tf.equal(region, up), 'float32') as tf.Tensor4D;
        const ties = tf.mul(tf.avgPool(mask, [fh, fw], [sh, sw], 'valid'), fh * fw);
        const share = tf.image.resizeNearestNeighbor(tf.div(dy as tf.Tensor, ties) as tf.Tensor4D, [oh * sh, ow * sw]);
        const dRegion = tf.mul(mask, share);
        // Back to x's extent: drop the padding, zero-fill rows/columns no window reached.
        const dCovered = tf.pad(dRegion, [
          [0, 0],
          [0, covered.shape[1] - oh * sh],
          [0, covered.shape[2] - ow * sw],
          [0, 0],
        ]);
        return tf.slice(dCovered, [0, top, left, 0], [-1, h, w, -1]);
      }),
  };
}

function pair(value: number | Pair): Pair {
  return typeof value === 'number' ? [value, value] : value;
}

function simplePadding(pad: AnyPadding, op: string): Padding {
  if (Array.isArray(pad)) throw new Error(`${op} gradient: explicit padding is not supported`);
  return pad;
}

/** [before, after] padding along one axis, as the forward op applied it (tfjs conv_util rules). */
function paddingAlong(size: number, window: number, stride: number, outSize: number, pad: Padding): Pair {
  if (pad === 'valid') return [0, 0];
  if (typeof pad === 'number') return [pad, pad];
  const total = Math.max((outSize - 1) * stride + window - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}
