import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { purgeExpired, RetentionReport } from '@attune/persistence';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SessionService } from '../sessions/session.service';

/**
 * Runs the retention purge (libs/persistence `purgeExpired`) every RETENTION_INTERVAL_MINUTES,
 * sparing this server's live sessions. The timer is unref'd: it never keeps the process alive.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<RetentionReport> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.retentionIntervalMs) return;
    this.timer = setInterval(() => {
      this.run().catch((err) => this.logger.error(`retention run failed: ${(err as Error).message}`));
    }, this.config.retentionIntervalMs);
    this.timer.unref();
  }

  /** One purge now; a run already under way is joined rather than doubled. */
  run(now = new Date()): Promise<RetentionReport> {
    this.running ??= purgeExpired(this.db, {
      now,
      demoRetentionDays: this.config.demoRetentionDays,
      isLive: (id) => this.sessions.get(id) !== undefined,
    })
      .then((report) => {
        const total = report.groups.reduce((n, g) => n + Object.values(g.deleted).reduce((a, b) => a + b, 0), 0);
        if (total) this.logger.log(`retention: deleted ${total} rows past their studies' retention periods`);
        return report;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
