import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import type { AffectSampleDto, SessionSummary } from '@attune/protocol';
import { SessionService } from '../sessions/session.service';
import { ResearcherKeyGuard } from './researcher-key.guard';

@Controller('researcher')
@UseGuards(ResearcherKeyGuard)
export class ResearcherController {
  constructor(private readonly sessions: SessionService) {}

  @Get('sessions')
  list(): Promise<SessionSummary[]> {
    return this.sessions.summaries();
  }

  @Get('sessions/:id/samples')
  async samples(@Param('id', new ParseUUIDPipe()) id: string): Promise<AffectSampleDto[]> {
    if (!(await this.sessions.exists(id))) throw new NotFoundException(`no session ${id}`);
    return this.sessions.storedSamples(id);
  }
}
