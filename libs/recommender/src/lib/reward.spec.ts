import { feedbackOf, reward, withFeedback } from './reward';

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

describe('feedbackOf / withFeedback', () => {
  it('maps live-session events to feedback with a listen fraction', () => {
    expect(feedbackOf('skip', { listenedSec: 9, durationSec: 36 })).toEqual({ feedback: 'skip', listenFraction: 0.25 });
    expect(feedbackOf('rating', { value: 4 })).toEqual({ rating: 4 });
    expect(feedbackOf('complete')).toEqual({ listenFraction: 1 });
    expect(feedbackOf('like', { listenedSec: 50, durationSec: 35 })).toEqual({ feedback: 'like', listenFraction: 1 });
    expect(reward(feedbackOf('skip', { listenedSec: 9, durationSec: 36 }))).toBeCloseTo(0.075, 10);
  });

  it('merges feedback into the latest exposure of the track without mutating the history', () => {
    const history = [
      { trackId: 'a', at: 1 },
      { trackId: 'b', at: 2 },
      { trackId: 'a', at: 3 },
    ];
    const copy = JSON.parse(JSON.stringify(history));
    const next = withFeedback(withFeedback(history, 'a', { feedback: 'like' }), 'a', { rating: 5 });
    expect(next).toEqual([{ trackId: 'a', at: 1 }, { trackId: 'b', at: 2 }, { trackId: 'a', at: 3, feedback: 'like', rating: 5 }]);
    expect(history).toEqual(copy);
    expect(withFeedback(history, 'zzz', { feedback: 'like' })).toEqual(history);
  });
});
