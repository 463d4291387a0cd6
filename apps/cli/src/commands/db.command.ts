import type { Command } from 'commander';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@attune/persistence';
import type { CliConfig } from '../cli-config';
import { printLines } from '../output';

/** `attune db migrate`: bring the configured database (SQLite or DATABASE_URL) to the current schema. */
export function registerDb(program: Command, config: CliConfig): void {
  const db = program.command('db').description('database tools');
  db.command('migrate')
    .description('apply pending migrations to the configured database')
    .action(async () => {
      const ds = new DataSource(dataSourceOptions({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
      await ds.initialize();
      try {
        const applied = await ds.runMigrations();
        printLines([
          `${ds.options.type}: ${applied.length} migration(s) applied`,
          ...applied.map((m) => `  ${m.name}`),
        ]);
      } finally {
        await ds.destroy();
      }
    });
}
