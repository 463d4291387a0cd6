import type { Command } from 'commander';
import { DataSource } from 'typeorm';
import { dataSourceOptions, purgeExpired } from '@attune/persistence';
import type { CliConfig } from '../cli-config';
import { printJson, printLines } from '../output';

/**
 * `attune retention run`: the server's scheduled retention purge, once, now (e.g. from cron when
 * RETENTION_INTERVAL_MINUTES=0). It cannot see which sessions a running server holds live, so a
 * session that has not ended counts from its start.
 */
export function registerRetention(program: Command, config: CliConfig): void {
  const retention = program.command('retention').description("delete data past each study's retention days");
  retention
    .command('run')
    .description('delete affect samples, exposures, feedback, self-reports and sessions past their retention period')
    .option('--json', 'print the report as one JSON object')
    .action(async (opts: { json?: boolean }) => {
      const ds = new DataSource(dataSourceOptions({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
      await ds.initialize();
      try {
        const report = await purgeExpired(ds, { demoRetentionDays: config.demoRetentionDays });
        if (opts.json) return printJson(report);
        printLines([
          `retention run at ${report.at}`,
          ...report.groups.map(
            (g) =>
              `  ${g.studyId ?? 'demo sessions'} (${g.retentionDays} days, before ${g.cutoff}): ` +
              Object.entries(g.deleted)
                .map(([k, n]) => `${n} ${k}`)
                .join(', '),
          ),
        ]);
      } finally {
        await ds.destroy();
      }
    });
}
