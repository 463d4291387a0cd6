import { Module } from '@nestjs/common';
import { AffectModule } from '../affect/affect.module';
import { CatalogModule } from '../catalog/catalog.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [AffectModule, CatalogModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
