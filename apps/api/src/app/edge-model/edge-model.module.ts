import { Module } from '@nestjs/common';
import { EdgeModelController } from './edge-model.controller';
import { EdgeModelService } from './edge-model.service';

@Module({ controllers: [EdgeModelController], providers: [EdgeModelService] })
export class EdgeModelModule {}
