import { Module } from '@nestjs/common';
import { AffectModule } from '../affect/affect.module';
import { CatalogModule } from '../catalog/catalog.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { FeedbackService } from './feedback.service';
import { FrameService } from './frame.service';
import { ParticipantGateway } from './participant.gateway';
import { RecommendationService } from './recommendation.service';
import { MoodService } from './mood.service';
import { SelfReportService } from './self-report.service';
import { SessionService } from './session.service';

@Module({
  imports: [AffectModule, CatalogModule, ExperimentsModule],
  providers: [
    SessionService,
    FrameService,
    FeedbackService,
    RecommendationService,
    SelfReportService,
    MoodService,
    ParticipantGateway,
  ],
  exports: [SessionService],
})
export class SessionsModule {}
