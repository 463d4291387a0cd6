import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { CatalogTrack, findDemoMusicDir, scanEmotionFolders } from '@attune/music';
import { Track } from '@attune/persistence';
import type { TrackDto } from '@attune/protocol';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * The playable catalog: scanned from MUSIC_DIR (or the bundled demo) at boot and
 * upserted into the track table so every exposure can reference its track.
 */
@Injectable()
export class CatalogService implements OnModuleInit {
  private readonly logger = new Logger(CatalogService.name);
  private tracks: CatalogTrack[] = [];
  private byId = new Map<string, CatalogTrack>();

  private readonly trackRepo: Repository<Track>;

  constructor(
    db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.trackRepo = db.getRepository(Track);
  }

  async onModuleInit(): Promise<void> {
    const dir = this.config.musicDir ?? findDemoMusicDir();
    if (!dir) {
      this.logger.warn('no MUSIC_DIR set and the demo catalog was not found: no music will be recommended');
      return;
    }
    const scan = await scanEmotionFolders(dir);
    for (const p of scan.problems) this.logger.warn(`catalog: ${p.path}: ${p.reason}`);
    const now = new Date();
    await this.trackRepo.save(
      scan.tracks.map((t) => ({
        id: t.id,
        title: t.title,
        artist: t.artist,
        album: t.album,
        emotion: t.emotion,
        path: t.path,
        mimeType: t.mimeType,
        sizeBytes: t.sizeBytes,
        licence: t.licence,
        attribution: t.attribution,
        updatedAt: now,
      })),
      { chunk: 200 },
    );
    this.tracks = scan.tracks;
    this.byId = new Map(scan.tracks.map((t) => [t.id, t]));
    this.logger.log(`catalog: ${scan.tracks.length} tracks from ${dir}`);
  }

  all(): readonly CatalogTrack[] {
    return this.tracks;
  }

  get(id: string): CatalogTrack | undefined {
    return this.byId.get(id);
  }

  toDto(track: CatalogTrack): TrackDto {
    return {
      id: track.id,
      title: track.title,
      artist: track.artist,
      emotion: track.emotion,
      licence: track.licence ?? 'unknown',
      attribution: track.attribution ?? `"${track.title}" by ${track.artist}`,
      audioUrl: `/api/tracks/${track.id}/audio`,
    };
  }
}
