import { Module } from '@nestjs/common';
import { AnalyzeController } from './analyze.controller';
import { ImageAnalysisService } from './image-analysis.service';

@Module({ controllers: [AnalyzeController], providers: [ImageAnalysisService] })
export class AnalyzeModule {}
