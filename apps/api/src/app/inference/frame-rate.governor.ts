import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LiveEventsService } from '../socket/live-events.service';
import { FrameRateController } from './frame-rate-controller';

/** How often the frame rate is reconsidered. */
const REVIEW_MS = 2000;

/**
 * The adaptive frame rate of this instance: frame latencies and replacements feed a
 * FrameRateController, and every change is sent to all connected participants
 * (`frame-rate`); new sessions start at the current interval.
 */
@Injectable()
export class FrameRateGovernor implements OnModuleInit, OnModuleDestroy {
  private readonly controller: FrameRateController;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly events: LiveEventsService,
  ) {
    this.controller = new FrameRateController({
      baseIntervalMs: config.frameIntervalMs,
      maxIntervalMs: config.frameIntervalMaxMs,
      latencyBudgetMs: config.frameLatencyBudgetMs,
    });
  }

  get frameIntervalMs(): number {
    return this.controller.currentIntervalMs;
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      const advice = this.controller.review();
      if (advice) this.events.frameRate(advice);
    }, REVIEW_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  processed(latencyMs: number): void {
    this.controller.observeProcessed(latencyMs);
  }

  replaced(): void {
    this.controller.observeReplaced();
  }
}
