import { Module } from '@nestjs/common';
import { AffectModule } from '../affect/affect.module';
import { CatalogModule } from '../catalog/catalog.module';
import { DurabilityModule } from '../durability/durability.module';
import { ExperimentsModule } from '../experiments/experiments.module';
import { FeedbackService } from './feedback.service';
import { FrameService } from './frame.service';
import { ParticipantGateway } from './participant.gateway';
import { RecommendationService } from './recommendation.service';
import { MoodService } from './mood.service';
import { SelfReportService } from './self-report.service';
import { SessionService } from './session.service';
import { EdgeFaceService } from './edge-face.service';
import { FrameRateGovernor } from '../inference/frame-rate.governor';

@Module({
  imports: [AffectModule, CatalogModule, ExperimentsModule, DurabilityModule],
  providers: [
    SessionService,
    FrameService,
    FrameRateGovernor,
    FeedbackService,
    RecommendationService,
    SelfReportService,
    MoodService,
    EdgeFaceService,
    ParticipantGateway,
  ],
  exports: [SessionService],
})
export class SessionsModule {}
