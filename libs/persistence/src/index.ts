export * from './lib/entities';
export { MIGRATIONS } from './lib/migrations';
export { dataSourceOptions, databaseKind } from './lib/data-source-options';
export type { DatabaseConfig, DatabaseKind } from './lib/data-source-options';
export { purgeExpired } from './lib/retention';
export type { RetentionDeleted, RetentionOptions, RetentionReport } from './lib/retention';
