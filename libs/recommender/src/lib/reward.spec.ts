import { reward } from './reward';

describe('reward', () => {
  it.each([
    [{ rating: 5 }, 1],
    [{ rating: 1, feedback: 'like' as const }, 0],
    [{ rating: 3 }, 0.5],
    [{ feedback: 'like' as const }, 1],
    [{ feedback: 'dislike' as const, listenFraction: 1 }, 0],
    [{ feedback: 'skip' as const, listenFraction: 0.5 }, 0.15],
    [{ feedback: 'skip' as const }, 0],
    [{ listenFraction: 1 }, 0.8],
    [{ listenFraction: 0 }, 0.4],
    [{}, null],
  ])('maps %p to %p', (feedback, expected) => {
    const r = reward(feedback);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toBeCloseTo(expected, 10);
  });

  it('orders like > any full listen > any skip > dislike', () => {
    expect(reward({ feedback: 'like' })!).toBeGreaterThan(reward({ listenFraction: 1 })!);
    expect(reward({ listenFraction: 0 })!).toBeGreaterThan(reward({ feedback: 'skip', listenFraction: 1 })!);
    expect(reward({ feedback: 'skip', listenFraction: 0 })!).toBeGreaterThanOrEqual(reward({ feedback: 'dislike' })!);
  });
});
