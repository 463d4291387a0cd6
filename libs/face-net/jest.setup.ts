import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';

// The specs run on tfjs's cpu backend, the one the browser's edge mode uses; IS_TEST silences its
// notice that Node would be faster with tfjs-node.
tf.env().set('IS_TEST', true);
beforeAll(() => tf.setBackend('cpu'));
