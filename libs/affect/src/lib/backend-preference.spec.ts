import * as tf from '@tensorflow/tfjs-core';
import { chooseBackend } from './backend';

describe('chooseBackend with a preference (fresh engine in this file)', () => {
  it('activates the preferred backend when it works', async () => {
    expect(await chooseBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
