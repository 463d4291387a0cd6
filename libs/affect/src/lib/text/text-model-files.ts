import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClassificationReport } from '../evaluation/metrics';
import type { DairLabel } from './dair';
import type { NrcLexicon } from './nrc-lexicon';
import type { SoftmaxTrainingOptions } from './softmax-regression';
import { TextAnalyzer, TextFeaturizer, type TextFeatureConfig } from './text-features';
import type { ClassWeighting, TrainedTextClassifier } from './train-text-model';

/** `metadata.json` of a text model folder. */
export interface TextModelMetadata {
  id: string;
  kind: 'text-softmax-regression';
  labels: readonly string[];
  /** Model label -> canonical emotion, for the live estimate. */
  canonical: Record<string, string>;
  features: TextFeatureConfig & { vocabularySize: number; lexiconFeatures: readonly string[]; dimension: number };
  training: {
    dataset: string;
    trainFile: string;
    n: number;
    optimiser: SoftmaxTrainingOptions;
    classWeighting: ClassWeighting;
    tunedOn?: string;
    seconds: number;
  };
  /** How the estimate is formed: the shared space's version and the valence/confidence rules. */
  protocol: { emotions: readonly string[]; modality: 'text'; valence: string; arousal: string; confidence: string };
  /** Measured by `attune eval text`, on data the model was not trained on. */
  metrics?: Record<string, Omit<ClassificationReport, 'confusion'> & { confusion?: ClassificationReport['confusion'] }>;
  createdAt: string;
}

const FILES = {
  metadata: 'metadata.json',
  vocabulary: 'vocabulary.json',
  lexicon: 'lexicon.json',
  weights: 'weights.bin',
};

/**
 * Writes metadata, vocabulary (+ idf), the NRC entries the features use (so serving does not need
 * the dataset folder) and float32 weights (features x classes, then the biases), little-endian.
 */
export async function saveTextModel(
  dir: string,
  model: TrainedTextClassifier,
  metadata: TextModelMetadata,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const { featurizer, weights } = model;
  const vocabulary = { terms: featurizer.vocabulary, idf: featurizer.idf.map((v) => Number(v.toFixed(5))) };
  const lexicon = Object.fromEntries([...featurizer.analyzer.lexicon.entries()].sort(([a], [b]) => a.localeCompare(b)));
  const buffer = Buffer.alloc(4 * (weights.weights.length + weights.bias.length));
  weights.weights.forEach((v, i) => buffer.writeFloatLE(v, 4 * i));
  weights.bias.forEach((v, i) => buffer.writeFloatLE(v, 4 * (weights.weights.length + i)));
  await Promise.all([
    writeFile(join(dir, FILES.metadata), `${JSON.stringify(metadata, null, 2)}\n`),
    writeFile(join(dir, FILES.vocabulary), JSON.stringify(vocabulary)),
    writeFile(join(dir, FILES.lexicon), JSON.stringify(lexicon)),
    writeFile(join(dir, FILES.weights), buffer),
  ]);
}

export async function readTextModelMetadata(dir: string): Promise<TextModelMetadata> {
  return JSON.parse(await readFile(join(dir, FILES.metadata), 'utf8')) as TextModelMetadata;
}

export async function writeTextModelMetadata(dir: string, metadata: TextModelMetadata): Promise<void> {
  await writeFile(join(dir, FILES.metadata), `${JSON.stringify(metadata, null, 2)}\n`);
}

export async function loadTextModel(
  dir: string,
): Promise<{ model: TrainedTextClassifier; metadata: TextModelMetadata }> {
  const [metadata, vocabularyText, lexiconText, buffer] = await Promise.all([
    readTextModelMetadata(dir),
    readFile(join(dir, FILES.vocabulary), 'utf8'),
    readFile(join(dir, FILES.lexicon), 'utf8'),
    readFile(join(dir, FILES.weights)),
  ]);
  const vocabulary = JSON.parse(vocabularyText) as { terms: string[]; idf: number[] };
  const lexicon: NrcLexicon = new Map(Object.entries(JSON.parse(lexiconText) as Record<string, number>));
  const { lexiconScale, ngrams, minDf, stem, negation } = metadata.features;
  const featurizer = new TextFeaturizer(
    { lexiconScale, ngrams, minDf, stem, negation },
    vocabulary.terms,
    vocabulary.idf,
    new TextAnalyzer(lexicon),
  );
  const classes = metadata.labels.length;
  const features = featurizer.dimension;
  if (features !== metadata.features.dimension || buffer.length !== 4 * (features + 1) * classes)
    throw new Error(
      `text model in ${dir}: weights.bin holds ${buffer.length} bytes, expected ${4 * (features + 1) * classes}`,
    );
  const all = new Float32Array(buffer.length / 4);
  for (let i = 0; i < all.length; i++) all[i] = buffer.readFloatLE(4 * i);
  return {
    model: {
      labels: metadata.labels as DairLabel[],
      featurizer,
      weights: {
        features,
        classes,
        weights: all.subarray(0, features * classes),
        bias: all.subarray(features * classes),
      },
    },
    metadata,
  };
}
