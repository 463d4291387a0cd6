import { Module } from '@nestjs/common';
import { AffectModule } from '../affect/affect.module';
import { CatalogModule } from '../catalog/catalog.module';
import { DurabilityModule } from '../durability/durability.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [AffectModule, CatalogModule, DurabilityModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
