import { FEATURE_LENGTH, VOICED_FRACTION_INDEX } from '@attune/audio-features';
import { affectEstimateSchema } from '@attune/protocol';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseBackend } from '../backend';
import { seededRandom } from '../training/seeded-random';
import type { VoiceSample } from './emodb';
import { EMODB_CLASSES } from './emodb-labels';
import { SpeakerNormaliser } from './speaker-normaliser';
import { VoiceEmotionModel } from './voice-model';
import { crossValidateBySpeaker, predictSamples, saveVoiceModel, trainVoiceModel } from './voice-training';

/**
 * Window vectors whose first features carry the class (plus a per-speaker offset that speaker
 * normalisation has to remove), everything else noise: learnable in a few epochs.
 */
function syntheticSamples(speakers: string[], perClass: number, seed = 1): VoiceSample[] {
  const random = seededRandom(seed);
  const samples: VoiceSample[] = [];
  speakers.forEach((speaker, s) => {
    for (let c = 0; c < EMODB_CLASSES.length; c++)
      for (let k = 0; k < perClass; k++) {
        const windows = [0, 1].map(() => {
          const w = Float32Array.from({ length: FEATURE_LENGTH }, () => random() - 0.5 + 3 * s);
          w[c] += 4;
          w[VOICED_FRACTION_INDEX] = 0.9;
          return w;
        });
        samples.push({
          file: `${speaker}x${c}${k}.wav`,
          speaker,
          label: EMODB_CLASSES[c],
          classIndex: c,
          features: windows[0],
          windows,
        });
      }
  });
  return samples;
}

// One small network (no ensemble) keeps the tests fast; the ensemble has its own test.
const QUICK = { epochs: 25, hidden: 16, batchSize: 16, learningRate: 0.01, members: [{}] };

describe('voice training', () => {
  beforeAll(() => chooseBackend());

  it('never tests a speaker it trained on (leave-one-speaker-out folds)', async () => {
    const samples = syntheticSamples(['03', '08', '09'], 3);
    const cv = await crossValidateBySpeaker(samples, { ...QUICK, epochs: 5 });
    expect(cv.folds.map((f) => f.speaker)).toEqual(['03', '08', '09']);
    for (const fold of cv.folds) {
      expect(fold.trainedOn).not.toContain(fold.speaker);
      expect(fold.trainedOn).toHaveLength(2);
    }
    expect(cv.n).toBe(samples.length);
    expect(cv.confusion.labels).toEqual([...EMODB_CLASSES]);
  });

  it('learns a separable problem, saves, reloads and serves AffectEstimates without leaking tensors', async () => {
    const model = await trainVoiceModel(syntheticSamples(['03', '08'], 4), QUICK);
    const test = syntheticSamples(['11'], 2, 9);
    const predicted = predictSamples(model, test);
    const correct = predicted.filter((p, i) => p === test[i].classIndex).length;
    expect(correct / test.length).toBeGreaterThan(0.8);

    const dir = await mkdtemp(join(tmpdir(), 'voice-model-'));
    try {
      await saveVoiceModel(dir, model);
      model.network.dispose();
      const served = new VoiceEmotionModel({ modelDir: dir });
      await served.load();
      await served.warmup();
      const speaker: SpeakerNormaliser = served.newSpeaker();
      const before = tf.memory().numTensors;
      const estimate = await served.predict({ windows: test[0].windows, speaker, timestamp: 123 });
      expect(tf.memory().numTensors).toBe(before);
      expect(affectEstimateSchema.parse(estimate)).toEqual(estimate);
      expect(estimate).toMatchObject({ modality: 'voice', modelId: 'voice-emodb', timestamp: 123 });
      expect(speaker.observed).toBe(2);

      // Silence: windows below the voiced share (or none at all) give no estimate, never "neutral".
      const silent = new Float32Array(FEATURE_LENGTH);
      expect(served.estimateWindows([silent], speaker)).toBeNull();
      expect(served.estimateWindows([], speaker)).toBeNull();
      expect(speaker.observed).toBe(2);
      served.dispose();
      expect(served.status().loaded).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('voice ensemble', () => {
  beforeAll(() => chooseBackend());

  it('joins separately trained members into one model with a probability output', async () => {
    const samples = syntheticSamples(['03', '08'], 3);
    const model = await trainVoiceModel(samples, { ...QUICK, epochs: 5, members: [{ hidden: 0 }, { hidden: 8 }] });
    try {
      expect(model.network.outputs[0].shape).toEqual([null, EMODB_CLASSES.length]);
      const sums = tf.tidy(
        () => tf.sum(model.network.predict(tf.ones([2, FEATURE_LENGTH])) as tf.Tensor, 1).arraySync() as number[],
      );
      sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
      expect(predictSamples(model, samples).every((p) => p >= 0)).toBe(true);
    } finally {
      model.network.dispose();
    }
  });
});

describe('SpeakerNormaliser', () => {
  it('starts at the prior and moves to the speaker as windows arrive', () => {
    const prior = { mean: [0, 0], std: [1, 1] };
    const n = new SpeakerNormaliser(prior, 10);
    expect(n.statistics()).toEqual({ mean: [0, 0], std: [1, 1] });
    n.observe(Array.from({ length: 90 }, (_, i) => [10, i % 2 === 0 ? 1 : -1]));
    const { mean, std } = n.statistics();
    expect(mean[0]).toBeCloseTo(9, 6); // (90 * 10 + 10 * 0) / 100
    expect(mean[1]).toBeCloseTo(0, 6);
    expect(std[1]).toBeCloseTo(1, 6);
    expect(SpeakerNormaliser.fromRows([[2], [4]], { mean: [0], std: [1] }).statistics()).toEqual({
      mean: [3],
      std: [1],
    });
  });
});
