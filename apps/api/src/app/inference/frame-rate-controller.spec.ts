import { FrameRateController } from './frame-rate-controller';

const settings = { baseIntervalMs: 200, maxIntervalMs: 2000, latencyBudgetMs: 150 };

function period(controller: FrameRateController, latencyMs: number, frames: number, replaced = 0) {
  for (let i = 0; i < frames; i++) controller.observeProcessed(latencyMs);
  for (let i = 0; i < replaced; i++) controller.observeReplaced();
  return controller.review();
}

describe('FrameRateController', () => {
  it('keeps the base rate while analysis keeps up', () => {
    const controller = new FrameRateController(settings);
    expect(period(controller, 40, 100)).toBeNull();
    expect(controller.currentIntervalMs).toBe(200);
  });

  it('backs off multiplicatively while p95 latency exceeds the budget, up to the maximum', () => {
    const controller = new FrameRateController(settings);
    expect(period(controller, 400, 100)).toEqual({ frameIntervalMs: 300, reason: 'overloaded' });
    expect(period(controller, 400, 100)?.frameIntervalMs).toBe(450);
    for (let i = 0; i < 20; i++) period(controller, 400, 100);
    expect(controller.currentIntervalMs).toBe(2000);
    expect(period(controller, 400, 100)).toBeNull();
  });

  it('backs off when many frames are replaced even if each one was quick', () => {
    const controller = new FrameRateController(settings);
    expect(period(controller, 30, 60, 40)?.reason).toBe('overloaded');
  });

  it('returns gently towards the base rate once latency is well inside the budget', () => {
    const controller = new FrameRateController(settings);
    period(controller, 400, 100);
    period(controller, 400, 100);
    expect(controller.currentIntervalMs).toBe(450);
    expect(period(controller, 100, 100)).toBeNull(); // inside the budget, not well inside: hold
    expect(period(controller, 40, 100)).toEqual({ frameIntervalMs: 360, reason: 'recovered' });
    for (let i = 0; i < 10; i++) period(controller, 40, 100);
    expect(controller.currentIntervalMs).toBe(200);
  });

  it('says nothing about a period without frames', () => {
    const controller = new FrameRateController(settings);
    expect(controller.review()).toBeNull();
  });
});
