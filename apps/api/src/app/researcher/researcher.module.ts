import { Module } from '@nestjs/common';
import { SessionsModule } from '../sessions/sessions.module';
import { ResearcherController } from './researcher.controller';
import { ResearcherKeyGuard } from './researcher-key.guard';
import { ResearcherKeyService } from './researcher-key.service';
import { ResearcherGateway } from './researcher.gateway';

@Module({
  imports: [SessionsModule],
  controllers: [ResearcherController],
  providers: [ResearcherKeyService, ResearcherKeyGuard, ResearcherGateway],
  exports: [ResearcherKeyService],
})
export class ResearcherModule {}
