import { Controller, Get, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { CurrentResearcher } from '../auth/current-researcher.decorator';
import { ResearcherAuthGuard } from '../auth/researcher-auth.guard';
import { SessionReplayDto } from './replay.dto';
import { ReplayService } from './replay.service';

@ApiTags('sessions')
@ApiBearerAuth()
@UseGuards(ResearcherAuthGuard)
@Controller('sessions')
export class ReplayController {
  constructor(private readonly replays: ReplayService) {}

  /** Stored samples (every modality and fused), exposures and feedback of one session. */
  @Get(':id/replay')
  replay(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<SessionReplayDto> {
    return this.replays.replay(r, id);
  }
}
