import { Module } from '@nestjs/common';
import { StudiesModule } from '../studies/studies.module';
import { AssignmentService } from './assignment.service';
import { ExperimentResultsService } from './experiment-results.service';
import { ExperimentsController } from './experiments.controller';
import { ExperimentsService } from './experiments.service';

@Module({
  imports: [StudiesModule],
  controllers: [ExperimentsController],
  providers: [ExperimentsService, ExperimentResultsService, AssignmentService],
  exports: [AssignmentService],
})
export class ExperimentsModule {}
