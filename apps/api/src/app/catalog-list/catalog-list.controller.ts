import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ResearcherAuthGuard } from '../auth/researcher-auth.guard';
import { CatalogService } from '../catalog/catalog.service';
import { CatalogTrackDto } from './catalog-track.dto';

@ApiTags('catalog')
@ApiBearerAuth()
@UseGuards(ResearcherAuthGuard)
@Controller('catalog')
export class CatalogListController {
  constructor(private readonly catalog: CatalogService) {}

  /** Every playable track with its emotion folder, valence/arousal, tempo and energy. */
  @Get('tracks')
  tracks(): CatalogTrackDto[] {
    return this.catalog.all().map((t) => ({
      ...this.catalog.toDto(t),
      album: t.album,
      genres: t.genres,
      valence: t.valence,
      arousal: t.arousal,
      tempo: t.tempo,
      energy: t.energy,
      durationSec: t.durationSec,
    }));
  }
}
