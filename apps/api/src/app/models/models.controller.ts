import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ResearcherAuthGuard } from '../auth/researcher-auth.guard';
import { ModelCardDto } from './model-card.dto';
import { ModelCardsService } from './model-cards.service';

@ApiTags('models')
@ApiBearerAuth()
@UseGuards(ResearcherAuthGuard)
@Controller('models')
export class ModelsController {
  constructor(private readonly models: ModelCardsService) {}

  /** Every model in MODELS_DIR with its card, metrics and confusion matrix. */
  @Get()
  list(): Promise<ModelCardDto[]> {
    return this.models.list();
  }

  /** A figure of a model card (confusion-matrix PNG). */
  @Get(':id/figures/:name')
  async figure(@Param('id') id: string, @Param('name') name: string, @Res() res: Response): Promise<void> {
    res.sendFile(await this.models.figurePath(id, name), {
      headers: { 'Content-Type': 'image/png' },
      dotfiles: 'deny',
    });
  }
}
