import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  computed,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import type { FeedbackKind, RecommendationEvent } from '@attune/protocol';
import type { FeedbackStatus } from './participant-session.service';

const FEEDBACK_WORDS: Record<FeedbackKind, string> = {
  like: 'Liked',
  dislike: 'Disliked',
  skip: 'Skipped',
  rating: 'Rated',
};

/** Plays the recommended track and collects like / dislike / skip for it. */
@Component({
  selector: 'app-track-player',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './track-player.component.html',
  styleUrl: './track-player.component.css',
})
export class TrackPlayerComponent {
  readonly recommendation = input<RecommendationEvent | null>(null);
  readonly feedback = input<FeedbackStatus | null>(null);
  readonly feedbackGiven = output<FeedbackKind>();
  readonly trackEnded = output<void>();
  /** Playback really began for the current track (the exposure the study counts). */
  readonly trackStarted = output<void>();
  private startedFor: string | null = null;

  private readonly audio = viewChild.required<ElementRef<HTMLAudioElement>>('audio');
  /** The browser refused to start playback on its own; the participant has to press play. */
  protected readonly playBlocked = signal(false);

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
    if (feedback.state === 'saving') return `${word} — saving…`;
    if (feedback.state === 'saved') return `${word} — saved`;
    return `${word} — not saved: ${feedback.error}`;
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
        return;
      }
      audio.src = url;
      const id = this.recommendation()?.recommendationId ?? null;
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
}
