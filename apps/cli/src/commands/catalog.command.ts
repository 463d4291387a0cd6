import type { Command } from 'commander';
import { findDemoMusicDir, scanEmotionFolders } from '@attune/music';
import type { CliConfig } from '../cli-config';
import { printJson, printLines } from '../output';

/** `attune catalog scan`: what the server would load from a music folder. */
export function registerCatalog(program: Command, config: CliConfig): void {
  const catalog = program.command('catalog').description('music catalog tools');
  catalog
    .command('scan')
    .description(
      'scan a folder in the emotion-folder layout (<dir>/<emotion>/*.{mp3,ogg}) and report tracks and problems',
    )
    .option('--dir <dir>', 'music folder (default: MUSIC_DIR, else the bundled demo catalog)')
    .option('--json', 'print one JSON object as the last line')
    .action(async (opts: { dir?: string; json?: boolean }) => {
      const dir = opts.dir ?? config.musicDir ?? findDemoMusicDir();
      if (!dir) throw new Error('no folder given, MUSIC_DIR unset and no demo catalog found');
      const scan = await scanEmotionFolders(dir);
      if (opts.json) return printJson({ dir, tracks: scan.tracks, problems: scan.problems });
      const byEmotion = new Map<string, number>();
      for (const t of scan.tracks) byEmotion.set(t.emotion, (byEmotion.get(t.emotion) ?? 0) + 1);
      printLines([
        `${scan.tracks.length} tracks in ${dir}`,
        ...[...byEmotion].map(([e, n]) => `  ${e}: ${n}`),
        ...scan.problems.map((p) => `problem: ${p.path}: ${p.reason}`),
      ]);
    });
}
