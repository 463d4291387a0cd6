import { TestBed } from '@angular/core/testing';
import { recommendation } from '../testing/fixtures';
import { TrackPlayerComponent, type FeedbackRequest } from './track-player.component';

describe('TrackPlayerComponent', () => {
  beforeEach(() => {
    jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    jest.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  async function setup(withTrack = true) {
    const fixture = TestBed.createComponent(TrackPlayerComponent);
    const given: FeedbackRequest[] = [];
    fixture.componentInstance.feedbackGiven.subscribe((f) => given.push(f));
    fixture.componentRef.setInput('recommendation', withTrack ? recommendation() : null);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => el.querySelector<T>(`[data-testid="${id}"]`)!;
    return { fixture, el, given, byTestId };
  }

  it('without a track: controls disabled, an empty state that says why', async () => {
    const { el, byTestId } = await setup(false);
    expect(byTestId<HTMLButtonElement>('player-play').disabled).toBe(true);
    expect(byTestId<HTMLButtonElement>('feedback-skip').disabled).toBe(true);
    expect(byTestId<HTMLInputElement>('rating-3').matches(':disabled')).toBe(true);
    expect(el.textContent).toContain('Music starts once your mood has been estimated.');
  });

  it('shows title, artist, attribution and the reason, and names every control', async () => {
    const { el, byTestId } = await setup();
    expect(byTestId('now-playing').textContent).toBe('Morning Light — Ada Example');
    expect(byTestId('track-artist').textContent).toBe('Ada Example');
    expect(byTestId('track-reason').textContent).toContain('You look happy, so here is something bright.');
    expect(byTestId('track-attribution').textContent).toContain('CC BY-SA 4.0');
    expect(byTestId('player-play').getAttribute('aria-label')).toBe('Play');
    expect(byTestId('player-progress').getAttribute('aria-label')).toBe('Position in the track');
    expect(el.querySelector('label.volume')?.textContent).toContain('Volume');
    expect(el.querySelector('.rating legend')?.textContent).toBe('Rate this track');
  });

  it('rates 1-5, skips with the time heard, sets the volume', async () => {
    const { fixture, given, byTestId } = await setup();
    byTestId('rating-4').click();
    const audio = byTestId<HTMLAudioElement>('audio-player');
    Object.defineProperty(audio, 'currentTime', { value: 12.34, configurable: true });
    byTestId('feedback-skip').click();
    byTestId('feedback-like').click();
    expect(given).toEqual([{ kind: 'rating', value: 4 }, { kind: 'skip', listenedSec: 12.3 }, { kind: 'like' }]);

    fixture.componentRef.setInput('feedback', { kind: 'rating', state: 'saved' });
    await fixture.whenStable();
    expect(byTestId('feedback-status').textContent).toBe('Rated 4 of 5 — saved');

    const volume = byTestId<HTMLInputElement>('player-volume');
    volume.value = '0.3';
    volume.dispatchEvent(new Event('input'));
    expect(audio.volume).toBeCloseTo(0.3);
  });

  it('play/pause follows the audio element', async () => {
    const { fixture, byTestId } = await setup();
    const audio = byTestId<HTMLAudioElement>('audio-player');
    audio.dispatchEvent(new Event('play'));
    await fixture.whenStable();
    expect(byTestId('player-play').getAttribute('aria-label')).toBe('Pause');
    audio.dispatchEvent(new Event('pause'));
    await fixture.whenStable();
    expect(byTestId('player-play').getAttribute('aria-label')).toBe('Play');
  });
});
