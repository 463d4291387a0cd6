import * as tf from '@tensorflow/tfjs-core';
import { chooseBackend } from './backend';

// tfjs keeps its engine per global object and jest gives every test file its own, so this file
// sees a fresh engine whatever other files chose.
describe('chooseBackend', () => {
  it('falls through the missing tfjs-node to wasm', async () => {
    expect(await chooseBackend()).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('is idempotent: later calls keep the backend the models were loaded on', async () => {
    const first = await chooseBackend();
    expect(await chooseBackend()).toBe(first);
    expect(await chooseBackend('cpu')).toBe(first);
    expect(tf.getBackend()).toBe(first);
  });

  it('leaves a working backend', async () => {
    await chooseBackend();
    expect(Array.from(await tf.add(tf.tensor1d([1, 2]), 1).data())).toEqual([2, 3]);
  });
});
