import { Module } from '@nestjs/common';
import { ModelCardsService } from './model-cards.service';
import { ModelsController } from './models.controller';

@Module({ controllers: [ModelsController], providers: [ModelCardsService] })
export class ModelsModule {}
