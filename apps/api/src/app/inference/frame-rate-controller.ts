import type { FrameRateAdvice } from '@attune/protocol';
import { percentile } from '@attune/affect';

export interface FrameRateSettings {
  /** The fastest rate the server ever asks for (FRAME_INTERVAL_MS). */
  baseIntervalMs: number;
  /** The slowest. */
  maxIntervalMs: number;
  /** p95 frame latency the server aims to stay under. */
  latencyBudgetMs: number;
}

/**
 * Decides the frame interval all clients should use from what the last period looked like:
 * multiplicative back-off while the p95 latency exceeds the budget or many frames are replaced
 * (clients send faster than analysis keeps up), a gentle step back towards the base rate once
 * latency is well inside the budget and nothing is replaced.
 */
export class FrameRateController {
  private intervalMs: number;
  private latencies: number[] = [];
  private processed = 0;
  private replaced = 0;

  constructor(private readonly settings: FrameRateSettings) {
    this.intervalMs = settings.baseIntervalMs;
  }

  get currentIntervalMs(): number {
    return this.intervalMs;
  }

  observeProcessed(latencyMs: number): void {
    this.processed++;
    if (this.latencies.length < 10_000) this.latencies.push(latencyMs);
  }

  observeReplaced(): void {
    this.replaced++;
  }

  /** Ends a period; returns advice when the interval changed. */
  review(): FrameRateAdvice | null {
    const total = this.processed + this.replaced;
    const p95 = this.latencies.length > 0 ? percentile(this.latencies, 95) : 0;
    const replacedShare = total > 0 ? this.replaced / total : 0;
    this.latencies = [];
    this.processed = 0;
    this.replaced = 0;
    if (total === 0) return null;
    const { baseIntervalMs, maxIntervalMs, latencyBudgetMs } = this.settings;
    let next = this.intervalMs;
    let reason: FrameRateAdvice['reason'];
    if (p95 > latencyBudgetMs || replacedShare > 0.2) {
      next = Math.min(maxIntervalMs, Math.round(this.intervalMs * 1.5));
      reason = 'overloaded';
    } else if (p95 < latencyBudgetMs / 2 && replacedShare < 0.02) {
      next = Math.max(baseIntervalMs, Math.round(this.intervalMs / 1.25));
      reason = 'recovered';
    } else {
      return null;
    }
    if (next === this.intervalMs) return null;
    this.intervalMs = next;
    return { frameIntervalMs: next, reason };
  }
}
