import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { CurrentResearcher } from '../auth/current-researcher.decorator';
import { ResearcherAuthGuard } from '../auth/researcher-auth.guard';
import { CreateExperimentDto, ExperimentDto, UpdateExperimentDto } from './experiment.dto';
import { ExperimentResults, ExperimentResultsService } from './experiment-results.service';
import { ExperimentsService } from './experiments.service';

@ApiTags('experiments')
@ApiBearerAuth()
@UseGuards(ResearcherAuthGuard)
@Controller('studies/:studyId/experiments')
export class ExperimentsController {
  constructor(
    private readonly experiments: ExperimentsService,
    private readonly resultsService: ExperimentResultsService,
  ) {}

  @Post()
  create(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('studyId', ParseUUIDPipe) studyId: string,
    @Body() body: CreateExperimentDto,
  ): Promise<ExperimentDto> {
    return this.experiments.create(r, studyId, body);
  }

  @Get()
  list(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('studyId', ParseUUIDPipe) studyId: string,
  ): Promise<ExperimentDto[]> {
    return this.experiments.list(r, studyId);
  }

  @Get(':id')
  get(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('studyId', ParseUUIDPipe) studyId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ExperimentDto> {
    return this.experiments.get(r, studyId, id);
  }

  /** Per-arm metrics with CIs, tests against control, Bayesian chance to beat control, SRM. */
  @Get(':id/results')
  results(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('studyId', ParseUUIDPipe) studyId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Query('control') control?: string,
  ): Promise<ExperimentResults> {
    return this.resultsService.results(r, studyId, id, control);
  }

  @Patch(':id')
  update(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('studyId', ParseUUIDPipe) studyId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateExperimentDto,
  ): Promise<ExperimentDto> {
    return this.experiments.update(r, studyId, id, body);
  }
}
