import { Module } from '@nestjs/common';
import { FaceAnalysisService } from './face-analysis.service';
import { TextAnalysisService } from './text-analysis.service';

@Module({ providers: [FaceAnalysisService, TextAnalysisService], exports: [FaceAnalysisService, TextAnalysisService] })
export class AffectModule {}
