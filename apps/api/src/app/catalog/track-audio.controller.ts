import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CatalogService } from './catalog.service';

/**
 * Streams a catalog track. The path comes from the catalog, never from the request,
 * so no request can reach a file outside it; express' sendFile answers Range requests
 * with 206 and Content-Range, which the audio element needs to seek.
 */
@Controller('tracks')
export class TrackAudioController {
  constructor(private readonly catalog: CatalogService) {}

  @Get(':id/audio')
  audio(@Param('id') id: string, @Res() res: Response): void {
    const track = this.catalog.get(id);
    if (!track) throw new NotFoundException(`no track with id "${id.slice(0, 64)}"`);
    res.sendFile(track.path, {
      headers: { 'Content-Type': track.mimeType },
      acceptRanges: true,
      dotfiles: 'deny',
    });
  }
}
