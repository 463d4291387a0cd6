import * as tf from '@tensorflow/tfjs-core';
import { chooseBackend } from '../backend';
import { registerWasmGradients } from './wasm-gradients';

// The reference is the cpu backend's own backward kernels (Conv2DBackpropFilter/Input,
// MaxPoolGrad), run directly, so the re-registered gradients cannot be their own reference.
type Pad = 'same' | 'valid';
type Shape4 = [number, number, number, number];

async function onCpu<T>(fn: () => T): Promise<T> {
  await tf.setBackend('cpu');
  try {
    return fn();
  } finally {
    await tf.setBackend('wasm');
  }
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

beforeAll(async () => {
  expect(await chooseBackend('wasm')).toBe('wasm');
  registerWasmGradients();
});

describe('Conv2D gradient on wasm', () => {
  const cases: Array<[string, Shape4, Shape4, number, Pad]> = [
    ['3x3 same stride 1', [2, 9, 9, 3], [3, 3, 3, 4], 1, 'same'],
    ['3x3 valid stride 1', [2, 8, 7, 2], [3, 3, 2, 5], 1, 'valid'],
    ['3x3 same stride 2 (odd size)', [3, 9, 9, 2], [3, 3, 2, 4], 2, 'same'],
    ['3x3 valid stride 2 (unused last row)', [2, 10, 10, 3], [3, 3, 3, 2], 2, 'valid'],
    ['5x5 same stride 2 (even size)', [2, 12, 12, 1], [5, 5, 1, 3], 2, 'same'],
    ['1x1 valid', [2, 6, 6, 4], [1, 1, 4, 3], 1, 'valid'],
    ['2x2 same stride 1 (even kernel, uneven padding)', [2, 7, 6, 2], [2, 2, 2, 3], 1, 'same'],
    ['5x5 same stride 1', [1, 11, 11, 3], [5, 5, 3, 2], 1, 'same'],
  ];

  it.each(cases)('%s matches the cpu backward kernels', async (_name, xShape, wShape, stride, pad) => {
    const x = tf.randomNormal(xShape, 0, 1, 'float32', 1) as tf.Tensor4D;
    const w = tf.randomNormal(wShape, 0, 1, 'float32', 2) as tf.Tensor4D;
    const yShape = tf.conv2d(x, w, stride, pad).shape;
    const dy = tf.randomNormal(yShape, 0, 1, 'float32', 3) as tf.Tensor4D;
    const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad), dy)),
    )([x, w]);
    const attrs = { strides: [stride, stride], pad, dataFormat: 'NHWC', dilations: [1, 1] };
    const [refDx, refDw] = await onCpu(() => [
      tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w }, { ...attrs, inputShape: x.shape }) as tf.Tensor,
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { ...attrs, filterShape: w.shape }) as tf.Tensor,
    ]);
    expect(dx.shape).toEqual(x.shape);
    expect(dw.shape).toEqual(w.shape);
    expect(maxAbsDiff(await dx.data(), await refDx.data())).toBeLessThan(1e-3);
    expect(maxAbsDiff(await dw.data(), await refDw.data())).toBeLessThan(1e-3);
  });
});

describe('MaxPool gradient on wasm', () => {
  const cases: Array<[string, Shape4, number, Pad]> = [
    ['2x2 valid', [2, 8, 8, 3], 2, 'valid'],
    ['2x2 valid, odd size (last row unused)', [2, 7, 9, 2], 2, 'valid'],
    ['2x2 same, odd size (padded)', [2, 7, 5, 2], 2, 'same'],
    ['3x3 valid', [1, 9, 9, 4], 3, 'valid'],
  ];

  it.each(cases)('%s matches the cpu MaxPoolGrad kernel', async (_name, xShape, size, pad) => {
    const x = tf.randomNormal(xShape, 0, 1, 'float32', 4) as tf.Tensor4D;
    const y = tf.maxPool(x, size, size, pad);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', 5) as tf.Tensor4D;
    const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, size, pad), dy)))(x);
    const ref = await onCpu(
      () =>
        tf
          .engine()
          .runKernel(
            'MaxPoolGrad',
            { dy, input: x, output: tf.maxPool(x, size, size, pad) },
            { filterSize: [size, size], strides: [size, size], pad },
          ) as tf.Tensor,
    );
    expect(dx.shape).toEqual(x.shape);
    expect(maxAbsDiff(await dx.data(), await ref.data())).toBeLessThan(1e-5);
  });

  it('shares the gradient between tied maxima (the total is preserved)', async () => {
    const x = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
    const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, 2, 2, 'valid'), 4)))(x);
    expect(Array.from(await dx.data())).toEqual([1, 1, 1, 1]);
  });

  it('refuses overlapping windows rather than computing a wrong gradient', () => {
    const x = tf.randomNormal([1, 6, 6, 1]) as tf.Tensor4D;
    expect(() => tf.grad((a: tf.Tensor) => tf.sum(tf.maxPool(a as tf.Tensor4D, 3, 2, 'valid')))(x)).toThrow(/window/);
  });
});

describe('FusedBatchNorm gradient on wasm', () => {
  it('matches autodiff of the unfused formula on cpu, for every input', async () => {
    const x = tf.randomNormal([4, 5, 5, 3], 0, 2, 'float32', 6);
    const mean = tf.randomNormal([3], 0, 1, 'float32', 7);
    const variance = tf.randomUniform([3], 0.5, 2, 'float32', 8);
    const offset = tf.randomNormal([3], 0, 1, 'float32', 9);
    const scale = tf.randomNormal([3], 1, 0.3, 'float32', 10);
    const dy = tf.randomNormal(x.shape, 0, 1, 'float32', 11);
    const inputs = [x, mean, variance, offset, scale];
    const fused = (...t: tf.Tensor[]) => tf.sum(tf.mul(tf.batchNorm(t[0], t[1], t[2], t[3], t[4], 1e-3), dy));
    const unfused = (...t: tf.Tensor[]) =>
      tf.sum(tf.mul(tf.add(tf.mul(tf.mul(tf.sub(t[0], t[1]), tf.rsqrt(tf.add(t[2], 1e-3))), t[4]), t[3]), dy));
    const got = tf.grads(fused)(inputs);
    const want = await onCpu(() => tf.grads(unfused)(inputs));
    for (let i = 0; i < inputs.length; i++) {
      expect(got[i].shape).toEqual(inputs[i].shape);
      expect(maxAbsDiff(await got[i].data(), await want[i].data())).toBeLessThan(1e-3);
    }
  });
});
