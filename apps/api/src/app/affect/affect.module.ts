import { Module } from '@nestjs/common';
import { FaceAnalysisService } from './face-analysis.service';

@Module({ providers: [FaceAnalysisService], exports: [FaceAnalysisService] })
export class AffectModule {}
