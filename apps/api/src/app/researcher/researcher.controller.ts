import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AffectSampleDto, SessionSummary } from '@attune/protocol';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { CurrentResearcher } from '../auth/current-researcher.decorator';
import { ResearcherAuthGuard } from '../auth/researcher-auth.guard';
import { SessionService } from '../sessions/session.service';
import { canSeeSession, visibleSessions } from '../studies/session-visibility';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller('sessions')
@UseGuards(ResearcherAuthGuard)
export class ResearcherController {
  constructor(private readonly sessions: SessionService) {}

  @Get()
  async list(@CurrentResearcher() r: AuthenticatedResearcher): Promise<SessionSummary[]> {
    return visibleSessions(r, await this.sessions.summaries());
  }

  @Get(':id/samples')
  async samples(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AffectSampleDto[]> {
    const owner = await this.sessions.ownerOf(id);
    if (owner === undefined || !canSeeSession(r, owner)) throw new NotFoundException(`no session ${id}`);
    return this.sessions.storedSamples(id);
  }
}
