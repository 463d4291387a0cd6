import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  computed,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { FeedbackKind, RecommendationEvent } from '@attune/protocol';
import type { FeedbackStatus } from './participant-session.service';

/** What the participant said about the current track; `value` for a rating, `listenedSec` for a skip. */
export interface FeedbackRequest {
  kind: FeedbackKind;
  value?: number;
  listenedSec?: number;
}

const FEEDBACK_WORDS: Record<FeedbackKind, string> = {
  like: 'Liked',
  dislike: 'Disliked',
  skip: 'Skipped',
  rating: 'Rated',
};

/** Plays the recommended track (own controls: play/pause, skip, volume, position) and collects feedback. */
@Component({
  selector: 'app-track-player',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './track-player.component.html',
  styleUrl: './track-player.component.css',
})
export class TrackPlayerComponent {
  readonly recommendation = input<RecommendationEvent | null>(null);
  readonly feedback = input<FeedbackStatus | null>(null);
  readonly feedbackGiven = output<FeedbackRequest>();
  readonly trackEnded = output<void>();
  /** Playback really began for the current track (the exposure the study counts). */
  readonly trackStarted = output<void>();
  private startedFor: string | null = null;

  private readonly audio = viewChild.required<ElementRef<HTMLAudioElement>>('audio');
  /** The browser refused to start playback on its own; the participant has to press play. */
  protected readonly playBlocked = signal(false);
  protected readonly playing = signal(false);
  protected readonly position = signal(0);
  protected readonly duration = signal(0);
  protected readonly volume = signal(1);
  /** The rating given to the current track, so the stars show it. */
  protected readonly rated = signal<number | null>(null);
  protected readonly ratings = [1, 2, 3, 4, 5];

  protected readonly nowPlaying = computed(() => {
    const track = this.recommendation()?.track;
    return track ? `${track.title} — ${track.artist}` : 'Nothing yet';
  });

  /** CC BY-SA needs the licence named; append it unless the catalog's attribution already does. */
  protected readonly attribution = computed(() => {
    const track = this.recommendation()?.track;
    if (!track) return '';
    return track.attribution.includes(track.licence) ? track.attribution : `${track.attribution} (${track.licence})`;
  });

  protected readonly canGiveFeedback = computed(
    () => this.recommendation() !== null && this.feedback()?.state !== 'saving',
  );

  protected readonly failed = computed(() => this.feedback()?.state === 'failed');

  protected readonly feedbackText = computed(() => {
    const feedback = this.feedback();
    if (!feedback) return '';
    const word = FEEDBACK_WORDS[feedback.kind];
    const what = feedback.kind === 'rating' && this.rated() ? `${word} ${this.rated()} of 5` : word;
    if (feedback.state === 'saving') return `${what} — saving…`;
    if (feedback.state === 'saved') return `${what} — saved`;
    if (feedback.state === 'queued') return `${what} — kept on this device, sent when the connection is back`;
    return `${what} — not saved: ${feedback.error}`;
  });

  constructor() {
    // After render, because the <audio> element must exist before it can be pointed at a track.
    afterRenderEffect(() => {
      const audio = this.audio().nativeElement;
      const url = this.recommendation()?.track.audioUrl;
      if (!url) {
        if (audio.hasAttribute('src')) {
          audio.pause();
          audio.removeAttribute('src');
        }
        untracked(() => {
          this.position.set(0);
          this.duration.set(0);
          this.playing.set(false);
        });
        return;
      }
      audio.src = url;
      const id = this.recommendation()?.recommendationId ?? null;
      untracked(() => this.rated.set(null));
      audio.onplaying = () => {
        if (id && this.startedFor !== id) {
          this.startedFor = id;
          this.trackStarted.emit();
        }
      };
      audio.play().then(
        () => this.playBlocked.set(false),
        () => this.playBlocked.set(true),
      );
    });
  }

  protected togglePlay(): void {
    const audio = this.audio().nativeElement;
    if (audio.paused) {
      audio.play().then(
        () => this.playBlocked.set(false),
        () => this.playBlocked.set(true),
      );
    } else {
      audio.pause();
    }
  }

  protected skip(): void {
    const heard = this.audio().nativeElement.currentTime;
    this.feedbackGiven.emit({
      kind: 'skip',
      ...(Number.isFinite(heard) ? { listenedSec: Math.round(heard * 10) / 10 } : {}),
    });
  }

  protected rate(stars: number): void {
    this.rated.set(stars);
    this.feedbackGiven.emit({ kind: 'rating', value: stars });
  }

  protected setVolume(event: Event): void {
    this.audio().nativeElement.volume = Number((event.target as HTMLInputElement).value);
  }

  protected seek(event: Event): void {
    this.audio().nativeElement.currentTime = Number((event.target as HTMLInputElement).value);
  }

  protected onTime(audio: HTMLAudioElement): void {
    this.position.set(audio.currentTime || 0);
    this.duration.set(Number.isFinite(audio.duration) ? audio.duration : 0);
  }

  protected clock(seconds: number): string {
    const s = Math.max(0, Math.floor(seconds));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  }
}
