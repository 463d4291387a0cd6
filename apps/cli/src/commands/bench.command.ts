import { cpus, loadavg } from 'node:os';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import {
  benchClassifier,
  benchFrames,
  benchPipeline,
  BlazeFaceDetector,
  chooseBackend,
  detectorRecall,
  faceModelCatalog,
  FacePipeline,
  TinyFaceDetector,
  type FaceDetector,
} from '@attune/affect';
import type { CliConfig } from '../cli-config';
import { commandGroup } from '../command-group';
import { printJson, printLines } from '../output';

interface BenchFaceOptions {
  frames: number;
  recallFaces: number;
  modelsDir: string;
  json?: boolean;
}

// Tiny detector sizes worth comparing against BlazeFace's fixed 256.
const TINY_SIZES = [128, 160, 192, 224];
// Face sides in a 640x480 frame: far from, at a usual distance from, and close to the camera.
const FACE_SIZES = [96, 160, 220];

/** `attune bench face`: per-face classifier latency, detector speed and recall, whole-frame latency. */
export function registerBench(program: Command, config: CliConfig): void {
  commandGroup(program, 'bench', 'benchmarks on this machine')
    .command('face')
    .description('face models: ms per face (batch 1 and 16), detectors (speed, recall), 640x480 frame pipeline')
    .option('--frames <n>', 'timed frames per pipeline', positive, 100)
    .option('--recall-faces <n>', 'faces per dataset for detector recall (DATASETS_DIR)', positive, 30)
    .option('--models-dir <dir>', 'where trained models live', 'models')
    .option('--json', 'print only the JSON line')
    .action(async (opts: BenchFaceOptions) => {
      const backend = await chooseBackend();
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const catalog = await faceModelCatalog(opts.modelsDir);

      const classifiers = [];
      for (const entry of catalog.entries) {
        const classifier = entry.create();
        await classifier.load();
        classifiers.push(await benchClassifier(classifier, opts.frames));
        classifier.dispose();
        log(`classifier ${entry.id} done`);
      }

      const frames = await benchFrames(config.datasetsDir, opts.recallFaces, FACE_SIZES);
      if (frames.length === 0) log(`no datasets in ${config.datasetsDir}: detector recall and pipeline skipped`);
      const detectors = [];
      const pipelines = [];
      const live = catalog.resolve('live');
      for (const detector of detectorsToCompare()) {
        await detector.load();
        if (frames.length > 0) {
          const recall = await detectorRecall(detector, frames);
          const usual = frames.filter((f) => f.face.width === 160).map((f) => f.bytes);
          const pipeline = new FacePipeline({ detector, classifier: live.entry.create() });
          await pipeline.load();
          const timed = await benchPipeline(pipeline, usual, opts.frames);
          pipeline.dispose();
          detectors.push({ id: detector.id, ms: timed.detect, ...recall });
          pipelines.push(timed);
        }
        detector.dispose();
        log(`detector ${detector.id} done`);
      }

      const result = {
        machine: {
          cpu: cpus()[0]?.model ?? 'unknown',
          cores: cpus().length,
          node: process.version,
          backend,
          loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
        },
        classifiers,
        detectors,
        pipelines,
      };
      if (!opts.json) printLines(summary(result));
      printJson(result);
    });
}

function detectorsToCompare(): FaceDetector[] {
  return [...TINY_SIZES.map((inputSize) => new TinyFaceDetector({ inputSize })), new BlazeFaceDetector()];
}

type Result = {
  machine: { cpu: string; cores: number; node: string; backend: string; loadAverage: number[] };
  classifiers: Awaited<ReturnType<typeof benchClassifier>>[];
  detectors: Array<{ id: string; recall: number; meanIou: number; falsePositives: number; ms: { p50: number } }>;
  pipelines: Awaited<ReturnType<typeof benchPipeline>>[];
};

function summary(r: Result): string[] {
  const ms = (x: number) => x.toFixed(1);
  return [
    `${r.machine.cpu}, ${r.machine.cores} cores, node ${r.machine.node}, tfjs ${r.machine.backend}, load ${r.machine.loadAverage.join(' ')}`,
    'classifier: ms per face p50/p95 at batch 1 | batch 16',
    ...r.classifiers.map(
      (c) => `  ${c.model}: ${ms(c.batch1.p50)}/${ms(c.batch1.p95)} | ${ms(c.batch16.p50)}/${ms(c.batch16.p95)}`,
    ),
    'detector: detect ms p50, recall (IoU >= 0.5), mean IoU, false positives',
    ...r.detectors.map(
      (d) =>
        `  ${d.id}: ${ms(d.ms.p50)} ms, recall ${(100 * d.recall).toFixed(1)}%, IoU ${d.meanIou.toFixed(2)}, ${d.falsePositives} FP`,
    ),
    '640x480 frame: total p50/p95 (decode + detect + classify p50)',
    ...r.pipelines.map(
      (p) =>
        `  ${p.detector} + ${p.classifier}: ${ms(p.total.p50)}/${ms(p.total.p95)} ms (${ms(p.decode.p50)} + ${ms(p.detect.p50)} + ${ms(p.classify.p50)})`,
    ),
  ];
}

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive integer, got ${value}`);
  return n;
}
