import { Controller, Delete, Get, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { CurrentResearcher } from '../auth/current-researcher.decorator';
import { ResearcherAuthGuard } from '../auth/researcher-auth.guard';
import { ConsentRecordDto, ParticipantDto, WithdrawalDto } from './participant.dto';
import { ParticipantsService } from './participants.service';

/** Researcher side of participants. */
@ApiTags('participants')
@ApiBearerAuth()
@UseGuards(ResearcherAuthGuard)
@Controller('studies/:studyId')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Post('participants')
  create(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('studyId', ParseUUIDPipe) studyId: string,
  ): Promise<ParticipantDto> {
    return this.participants.create(r, studyId);
  }

  @Get('participants')
  list(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('studyId', ParseUUIDPipe) studyId: string,
  ): Promise<ParticipantDto[]> {
    return this.participants.list(r, studyId);
  }

  @Get('participants/:id/consent')
  consent(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('studyId', ParseUUIDPipe) studyId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ConsentRecordDto[]> {
    return this.participants.consentLog(r, studyId, id);
  }

  /** Withdraws the participant (on their request): deletes all their data, keeps the withdrawal record. */
  @Delete('participants/:id')
  withdraw(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('studyId', ParseUUIDPipe) studyId: string,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<WithdrawalDto> {
    return this.participants.withdrawByResearcher(r, studyId, id);
  }

  @Get('withdrawals')
  withdrawals(
    @CurrentResearcher() r: AuthenticatedResearcher,
    @Param('studyId', ParseUUIDPipe) studyId: string,
  ): Promise<WithdrawalDto[]> {
    return this.participants.listWithdrawals(r, studyId);
  }
}
