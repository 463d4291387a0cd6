import { FEATURE_LENGTH, FEATURE_VERSION, VOICED_FRACTION_INDEX } from '@attune/audio-features';
import type { AffectEstimate } from '@attune/protocol';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { estimateFrom } from '../estimate';
import { LoadableModel } from '../loadable-model';
import type { InferenceModel } from '../model';
import { loadLayersModelFromDisk } from '../model-loader';
import { emoDbToCanonical } from './emodb-labels';
import { SpeakerNormaliser } from './speaker-normaliser';
import { utteranceProbabilities } from './voice-classifier';
import type { VoiceModelMetadata } from './voice-model-metadata';

export const VOICE_MODEL_ID = 'voice-emodb';

/** What `predict` takes: the window vectors of one payload, and the speaker's normaliser. */
export interface VoiceInput {
  windows: readonly ArrayLike<number>[];
  /** One per speaker/session, from `newSpeaker()`; without it the average training speaker is assumed. */
  speaker?: SpeakerNormaliser;
  timestamp?: number;
}

export interface VoiceModelOptions {
  /** Folder with model.json, its weights and metadata.json; default `<cwd>/models/voice-emodb`. */
  modelDir?: string;
}

/**
 * The EmoDB voice model at run time: window vectors (`@attune/audio-features`) -> speaker
 * normalisation -> standardisation -> MLP -> 7 EmoDB classes -> canonical `AffectEstimate`.
 * Windows without enough voice are ignored; when none is left the result is null (silence
 * is not "neutral").
 */
export class VoiceEmotionModel
  extends LoadableModel<{ network: LayersModel; metadata: VoiceModelMetadata }>
  implements InferenceModel<VoiceInput, AffectEstimate | null>
{
  private readonly dir: string;

  constructor(options: VoiceModelOptions = {}) {
    super(VOICE_MODEL_ID);
    this.dir = resolve(options.modelDir ?? join('models', VOICE_MODEL_ID));
  }

  get metadata(): VoiceModelMetadata {
    return this.loaded.metadata;
  }

  /** The network and metadata, for offline evaluation (`predictSamples`). */
  trainedModel(): { network: LayersModel; metadata: VoiceModelMetadata } {
    return this.loaded;
  }

  /** A fresh normaliser for one speaker (keep one per live session). */
  newSpeaker(): SpeakerNormaliser {
    return new SpeakerNormaliser(this.metadata.normalisation.speakerPrior, this.metadata.normalisation.priorWeight);
  }

  async predict(input: VoiceInput): Promise<AffectEstimate | null> {
    return this.estimateWindows(input.windows, input.speaker, input.timestamp);
  }

  /**
   * The live entry point: one estimate from the window vectors of one `audio-features` payload
   * (each `FEATURE_LENGTH` long, `FEATURE_NAMES` order). Feeds the voiced windows to the
   * speaker's normaliser first, averages the windows' class probabilities (geometric mean),
   * and returns null when no window is voiced.
   */
  estimateWindows(
    windows: readonly ArrayLike<number>[],
    speaker?: SpeakerNormaliser,
    timestamp = Date.now(),
  ): AffectEstimate | null {
    const probabilities = this.classProbabilities(windows, speaker);
    if (!probabilities) return null;
    return { ...estimateFrom(emoDbToCanonical(probabilities), 'voice', this.id), timestamp };
  }

  /** Mean class probabilities over the voiced windows (order `metadata.labels`), or null. */
  classProbabilities(windows: readonly ArrayLike<number>[], speaker?: SpeakerNormaliser): Float32Array | null {
    const { network, metadata } = this.loaded;
    return utteranceProbabilities(network, metadata.normalisation, windows, speaker);
  }

  async warmup(): Promise<void> {
    const zeros = new Float32Array(FEATURE_LENGTH);
    zeros[VOICED_FRACTION_INDEX] = 1;
    this.classProbabilities([zeros], this.newSpeaker());
  }

  protected async open(): Promise<{ network: LayersModel; metadata: VoiceModelMetadata }> {
    const metadata = JSON.parse(await readFile(join(this.dir, 'metadata.json'), 'utf8')) as VoiceModelMetadata;
    if (metadata.featureVersion !== FEATURE_VERSION || metadata.featureNames.length !== FEATURE_LENGTH)
      throw new Error(`model features ${metadata.featureVersion} do not match the extractor's ${FEATURE_VERSION}`);
    return { network: await loadLayersModelFromDisk(join(this.dir, 'model.json')), metadata };
  }

  protected release({ network }: { network: LayersModel }): void {
    network.dispose();
  }
}
