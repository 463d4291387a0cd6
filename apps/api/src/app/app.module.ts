import { DynamicModule, Module } from '@nestjs/common';
import { AffectModule } from './affect/affect.module';
import { AnalyzeModule } from './analyze/analyze.module';
import { AuthModule } from './auth/auth.module';
import { CatalogModule } from './catalog/catalog.module';
import { CatalogListModule } from './catalog-list/catalog-list.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EdgeModelModule } from './edge-model/edge-model.module';
import { ExperimentsModule } from './experiments/experiments.module';
import { ExportModule } from './export/export.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { ModelsModule } from './models/models.module';
import { ParticipantsModule } from './participants/participants.module';
import { ReplayModule } from './replay/replay.module';
import { ResearcherModule } from './researcher/researcher.module';
import { RetentionModule } from './retention/retention.module';
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
        EdgeModelModule,
        ExportModule,
        ResearcherModule,
        ReplayModule,
        CatalogListModule,
        ModelsModule,
        RetentionModule,
        HealthModule,
      ],
    };
  }
}
