import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { CurrentResearcher } from '../auth/current-researcher.decorator';
import { ResearcherAuthGuard } from '../auth/researcher-auth.guard';
import { CreateExperimentDto, ExperimentDto, UpdateExperimentDto } from './experiment.dto';
import { ExperimentsService } from './experiments.service';

@ApiTags('experiments')
@ApiBearerAuth()
@UseGuards(ResearcherAuthGuard)
@Controller('studies/:studyId/experiments')
export class ExperimentsController {
  constructor(private readonly experiments: ExperimentsService) {}

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
