import { DynamicModule, Module } from '@nestjs/common';
import { AffectModule } from './affect/affect.module';
import { AnalyzeModule } from './analyze/analyze.module';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { ExperimentsModule } from './experiments/experiments.module';
import { ExportModule } from './export/export.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { ParticipantsModule } from './participants/participants.module';
import { ResearcherModule } from './researcher/researcher.module';
import { SessionsModule } from './sessions/sessions.module';
import { SocketModule } from './socket/socket.module';
import { StudiesModule } from './studies/studies.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot({
          databaseUrl: config.databaseUrl,
          dataDir: config.dataDir,
        }),
        SocketModule,
        MetricsModule,
        AffectModule,
        AnalyzeModule,
        CatalogModule,
        SessionsModule,
        AuthModule,
        StudiesModule,
        ExperimentsModule,
        ParticipantsModule,
        ExportModule,
        ResearcherModule,
        HealthModule,
      ],
    };
  }
}
