import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { HealthReport } from '@attune/protocol';
import { FaceAnalysisService } from '../affect/face-analysis.service';
import { TextAnalysisService } from '../affect/text-analysis.service';
import { VoiceAnalysisService } from '../affect/voice-analysis.service';
import { CatalogService } from '../catalog/catalog.service';
import { DurableEventsService } from '../durability/durable-events.service';
import { GracefulShutdownService } from '../durability/graceful-shutdown.service';

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  constructor(
    private readonly db: DataSource,
    private readonly face: FaceAnalysisService,
    private readonly text: TextAnalysisService,
    private readonly voice: VoiceAnalysisService,
    private readonly catalog: CatalogService,
    private readonly durable: DurableEventsService,
    private readonly shutdown: GracefulShutdownService,
  ) {}

  /**
   * 'degraded' when the database does not answer, a model is missing, participant events are
   * waiting in the durable buffer (they are safe, but not in the database yet), or the server
   * is shutting down.
   */
  async report(): Promise<HealthReport> {
    const type = this.db.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
    let db: HealthReport['db'];
    try {
      await this.db.query('SELECT 1');
      db = { ok: true, type };
    } catch (err) {
      db = { ok: false, type, error: (err as Error).message };
    }
    const models = [...this.face.status(), this.text.status(), this.voice.status()];
    const buffer = this.durable.status();
    const shuttingDown = !this.shutdown.accepting;
    const ok = db.ok && models.every((m) => m.loaded) && buffer.pending === 0 && !shuttingDown;
    return {
      status: ok ? 'ok' : 'degraded',
      uptimeSec: Math.round((Date.now() - this.startedAt) / 1000),
      db,
      buffer,
      shuttingDown,
      models,
      catalog: { tracks: this.catalog.all().length },
    };
  }
}
