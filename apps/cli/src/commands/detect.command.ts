import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { FacePipeline, InvalidImageError } from '@attune/affect';
import { printJson, printLines } from '../output';

/** `attune detect <images...>`: the server's face pipeline on image files. */
export function registerDetect(program: Command): void {
  program
    .command('detect')
    .description('detect faces and their emotion in image files (JPEG/PNG) with the live face pipeline')
    .argument('<images...>', 'image files')
    .option('--json', 'print one JSON object as the last line')
    .action(async (images: string[], opts: { json?: boolean }) => {
      const pipeline = new FacePipeline();
      await pipeline.load();
      const results = [];
      for (const file of images) {
        try {
          const analysis = await pipeline.analyzeImage(readFileSync(file));
          results.push({
            file,
            faces: analysis.faces.map((f) => ({
              box: f.box,
              score: f.score,
              label: f.estimate.label,
              confidence: f.estimate.confidence,
              distribution: f.estimate.distribution,
            })),
            timings: analysis.timings,
            ...(analysis.error ? { error: analysis.error } : {}),
          });
        } catch (err) {
          if (!(err instanceof InvalidImageError) && (err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
          results.push({ file, faces: [], error: (err as Error).message });
        }
      }
      const models = pipeline.status().map((m) => m.id);
      pipeline.dispose();
      // A file that could not be analysed fails the command, in both output modes.
      if (results.some((r) => r.error)) process.exitCode = 1;
      if (opts.json) return printJson({ models, results });
      printLines(
        results.map((r) =>
          r.error
            ? `${r.file}: ${r.error}`
            : `${r.file}: ${r.faces.length} face(s)${r.faces.map((f) => ` ${f.label} ${(f.confidence * 100).toFixed(0)}%`).join(',')}`,
        ),
      );
    });
}
