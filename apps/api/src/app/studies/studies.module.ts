import { Module } from '@nestjs/common';
import { StudiesController } from './studies.controller';
import { StudiesService } from './studies.service';
import { StudyAccessService } from './study-access.service';

@Module({
  controllers: [StudiesController],
  providers: [StudiesService, StudyAccessService],
  exports: [StudiesService, StudyAccessService],
})
export class StudiesModule {}
