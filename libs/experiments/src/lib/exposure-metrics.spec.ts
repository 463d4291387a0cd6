import { exposureObservations, selfReportObservations } from './exposure-metrics';

const base = { participantId: 'p1', arm: 'iso', shownAt: 100_000 };
const metrics = (obs: { metric: string; value: number }[]) => Object.fromEntries(obs.map((o) => [o.metric, o.value]));

describe('exposure metrics', () => {
  it('turns feedback into like, skip, rating and listen-through observations', () => {
    expect(
      metrics(
        exposureObservations(
          {
            ...base,
            feedback: [
              { kind: 'like', value: null },
              { kind: 'complete', value: null },
            ],
          },
          [],
        ),
      ),
    ).toEqual({
      like_rate: 1,
      skip_rate: 0,
      listen_through: 1,
    });
    expect(
      metrics(
        exposureObservations(
          {
            ...base,
            feedback: [
              { kind: 'dislike', value: null },
              { kind: 'skip', value: null },
              { kind: 'rating', value: 2 },
            ],
          },
          [],
        ),
      ),
    ).toEqual({
      like_rate: 0,
      skip_rate: 1,
      rating: 2,
      listen_through: 0,
    });
    expect(metrics(exposureObservations({ ...base, feedback: [] }, []))).toEqual({ skip_rate: 0 });
  });

  it('measures the mood shift against the last mood before the exposure', () => {
    const mood = [
      { at: 50_000, valence: 0.9, arousal: 0.9 }, // too early for a baseline
      { at: 90_000, valence: -0.2, arousal: 0.1 },
      { at: 110_000, valence: 0.2, arousal: 0.3 },
      { at: 150_000, valence: 0.4, arousal: 0.1 },
      { at: 170_000, valence: 1, arousal: 1 }, // after the 60 s window
    ];
    const m = metrics(exposureObservations({ ...base, feedback: [] }, mood));
    expect(m['mood_shift_valence']).toBeCloseTo(0.3 - -0.2, 12);
    expect(m['mood_shift_arousal']).toBeCloseTo(0.2 - 0.1, 12);
  });

  it('leaves the mood shift out without a baseline', () => {
    const m = metrics(exposureObservations({ ...base, feedback: [] }, [{ at: 120_000, valence: 0.5, arousal: 0 }]));
    expect(m).not.toHaveProperty('mood_shift_valence');
  });

  it('reports SAM change after minus before', () => {
    expect(
      selfReportObservations({
        participantId: 'p',
        arm: 'a',
        before: { valence: 3, arousal: 7 },
        after: { valence: 6, arousal: 4 },
      }),
    ).toEqual([
      { participantId: 'p', arm: 'a', metric: 'sam_valence_change', value: 3 },
      { participantId: 'p', arm: 'a', metric: 'sam_arousal_change', value: -3 },
    ]);
  });
});
