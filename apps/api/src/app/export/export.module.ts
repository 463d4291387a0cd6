import { Module } from '@nestjs/common';
import { StudiesModule } from '../studies/studies.module';
import { ExportController } from './export.controller';
import { ExportService } from './export.service';

@Module({ imports: [StudiesModule], controllers: [ExportController], providers: [ExportService] })
export class ExportModule {}
