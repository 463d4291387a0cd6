import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { CurrentResearcher } from '../auth/current-researcher.decorator';
import { ResearcherAuthGuard } from '../auth/researcher-auth.guard';
import { StudiesService } from './studies.service';
import { ConsentFormDto, CreateConsentFormDto, CreateStudyDto, StudyDto, UpdateStudyDto } from './study.dto';

@ApiTags('studies')
@ApiBearerAuth()
@UseGuards(ResearcherAuthGuard)
@Controller('studies')
export class StudiesController {
  constructor(private readonly studies: StudiesService) {}

  @Get()
  list(@CurrentResearcher() r: AuthenticatedResearcher): Promise<StudyDto[]> {
    return this.studies.list(r);
  }

  @Post()
  create(@CurrentResearcher() r: AuthenticatedResearcher, @Body() body: CreateStudyDto): Promise<StudyDto> {
    return this.studies.create(r, body);
  }

  @Get(':id')
  get(@CurrentResearcher() r: AuthenticatedResearcher, @Param('id', ParseUUIDPipe) id: string): Promise<StudyDto> {
    return this.studies.get(r, id);
  }

  @Patch(':id')
  update(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateStudyDto,
  ): Promise<StudyDto> {
    return this.studies.update(r, id, body);
  }

  @Get(':id/consent-forms')
  consentForms(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ConsentFormDto[]> {
    return this.studies.consentForms(r, id);
  }

  @Post(':id/consent-forms')
  addConsentForm(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateConsentFormDto,
  ): Promise<ConsentFormDto> {
    return this.studies.addConsentForm(r, id, body);
  }
}
