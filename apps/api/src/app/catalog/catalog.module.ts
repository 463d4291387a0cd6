import { Module } from '@nestjs/common';
import { CatalogService } from './catalog.service';
import { TrackAudioController } from './track-audio.controller';

@Module({
  controllers: [TrackAudioController],
  providers: [CatalogService],
  exports: [CatalogService],
})
export class CatalogModule {}
