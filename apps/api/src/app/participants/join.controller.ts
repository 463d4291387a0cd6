import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ConsentRecordDto, GiveConsentDto, JoinInfoDto, WithdrawalDto } from './participant.dto';
import { ParticipantsService } from './participants.service';

/** Participant side: the unguessable join code from the study's link is the credential. */
@ApiTags('join')
@Controller('join/:code')
export class JoinController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get()
  info(@Param('code') code: string): Promise<JoinInfoDto> {
    return this.participants.joinInfo(code);
  }

  @Post('consent')
  consent(@Param('code') code: string, @Body() body: GiveConsentDto): Promise<ConsentRecordDto> {
    return this.participants.giveConsent(code, body);
  }

  @Post('withdraw')
  @HttpCode(200)
  withdraw(@Param('code') code: string): Promise<WithdrawalDto> {
    return this.participants.withdrawByParticipant(code);
  }
}
