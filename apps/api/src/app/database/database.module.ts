import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions, DatabaseConfig } from '@attune/persistence';

/**
 * Provides the one TypeORM DataSource, migrated before anything uses it. (A few lines of
 * our own instead of @nestjs/typeorm, whose current major is ESM-only and cannot be
 * loaded by the CommonJS test runtime.)
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  static forRoot(config: DatabaseConfig): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const ds = new DataSource(dataSourceOptions(config));
            await ds.initialize();
            await ds.runMigrations({ transaction: 'each' });
            return ds;
          },
        },
      ],
      exports: [DataSource],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
