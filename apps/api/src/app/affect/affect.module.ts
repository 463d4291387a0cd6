import { Module } from '@nestjs/common';
import { FaceAnalysisService } from './face-analysis.service';
import { TextAnalysisService } from './text-analysis.service';
import { VoiceAnalysisService } from './voice-analysis.service';

const SERVICES = [FaceAnalysisService, TextAnalysisService, VoiceAnalysisService];

@Module({ providers: SERVICES, exports: SERVICES })
export class AffectModule {}
