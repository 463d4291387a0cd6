import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { StudiesModule } from '../studies/studies.module';
import { JoinController } from './join.controller';
import { ParticipantsController } from './participants.controller';
import { ParticipantsService } from './participants.service';
import { WithdrawalService } from './withdrawal.service';

@Module({
  imports: [StudiesModule, SessionsModule],
  controllers: [ParticipantsController, JoinController],
  providers: [ParticipantsService, WithdrawalService],
})
export class ParticipantsModule {}
