import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { EMOTIONS, topEmotion, type Emotion, type EmotionDistribution } from '@attune/protocol';
import { EMOTION_COLOURS } from '../shared/emotion-colours';
import { EMOTION_EMOJI } from './mood-display.component';
import { ParticipantApi, type ImageAnalysis } from './participant-api';
import { sampleVideo } from './video-sampler';

const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

type Progress = { done: number; total: number; what: string };

interface FrameVerdict {
  at: number;
  label: Emotion | null;
  confidence: number;
}

/**
 * Photo or short video instead of the live camera (as the published systems do): a photo goes to
 * `POST /api/analyze/image`; a video is sampled in the browser and each sampled frame goes the same way.
 */
@Component({
  selector: 'app-media-upload',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card" aria-labelledby="upload-heading">
      <h2 id="upload-heading">Photo or video</h2>
      <p class="muted">Analyse a photo or a short video of your face instead of the live camera.</p>
      <div class="pickers">
        <label class="picker">
          Photo (JPEG or PNG)
          <input
            type="file"
            accept="image/jpeg,image/png"
            data-testid="photo-upload"
            [disabled]="busy()"
            (change)="photoChosen($event)"
          />
        </label>
        <label class="picker">
          Short video
          <input
            type="file"
            accept="video/*"
            data-testid="video-upload"
            [disabled]="busy()"
            (change)="videoChosen($event)"
          />
        </label>
      </div>
      @if (progress(); as p) {
        <div class="progress" role="status">
          <label for="upload-progress">{{ p.what }} {{ p.done }} / {{ p.total }}</label>
          <progress id="upload-progress" data-testid="upload-progress" [max]="p.total" [value]="p.done"></progress>
        </div>
      }
      @if (error(); as problem) {
        <p class="alert" role="alert" data-testid="upload-error">{{ problem }}</p>
      }
      @if (photo(); as result) {
        <div class="result" data-testid="photo-result">
          @if (result.analysis.faces.length) {
            <div class="photo">
              <img [src]="result.url" alt="Your uploaded photo" />
              @for (face of result.analysis.faces; track $index) {
                <span
                  class="box"
                  aria-hidden="true"
                  [style.left.%]="face.box.x * 100"
                  [style.top.%]="face.box.y * 100"
                  [style.width.%]="face.box.width * 100"
                  [style.height.%]="face.box.height * 100"
                ></span>
              }
            </div>
            <p data-testid="photo-verdict">
              {{ emoji(result.analysis.faces[0].label) }} <strong>{{ result.analysis.faces[0].label }}</strong>
              {{ percent(result.analysis.faces[0].confidence) }}
              @if (result.analysis.faces.length > 1) {
                <span class="muted">(largest of {{ result.analysis.faces.length }} faces)</span>
              }
            </p>
            @if (canUseAsMood()) {
              <button
                type="button"
                class="secondary"
                data-testid="photo-use-mood"
                (click)="useAsMood(result.analysis.faces[0].label)"
              >
                Use as my mood
              </button>
            }
          } @else {
            <p data-testid="photo-verdict">No face found in this photo. Try one where your face is clearly visible.</p>
          }
        </div>
      }
      @if (video(); as summary) {
        <div class="result" data-testid="video-result">
          <p data-testid="video-verdict">
            @if (summary.label) {
              {{ emoji(summary.label) }} Mostly <strong>{{ summary.label }}</strong> across {{ summary.withFace }} of
              {{ summary.frames.length }} frames
            } @else {
              No face found in any of {{ summary.frames.length }} frames.
            }
          </p>
          <ol class="timeline" aria-label="Emotion per sampled frame" data-testid="video-timeline">
            @for (frame of summary.frames; track frame.at) {
              <li
                [style.background]="frame.label ? colour(frame.label) : 'var(--line)'"
                [attr.aria-label]="seconds(frame.at) + ': ' + (frame.label ?? 'no face')"
                [title]="seconds(frame.at) + ': ' + (frame.label ?? 'no face')"
              ></li>
            }
          </ol>
          @if (summary.label && canUseAsMood()) {
            <button type="button" class="secondary" data-testid="video-use-mood" (click)="useAsMood(summary.label)">
              Use as my mood
            </button>
          }
        </div>
      }
    </section>
  `,
  styles: `
    .muted {
      color: var(--muted);
    }
    .pickers {
      display: grid;
      gap: 0.75rem;
    }
    .picker {
      display: grid;
      gap: 0.25rem;
    }
    .picker input {
      border: 0;
      padding: 0;
    }
    .progress {
      display: grid;
      gap: 0.25rem;
      margin-top: 0.75rem;
    }
    progress {
      width: 100%;
    }
    .result {
      margin-top: 0.75rem;
    }
    .photo {
      position: relative;
      max-width: 16rem;
    }
    .photo img {
      display: block;
      width: 100%;
      border-radius: 6px;
    }
    .box {
      position: absolute;
      border: 2px solid #ffd23f;
      border-radius: 4px;
    }
    .timeline {
      display: flex;
      gap: 2px;
      list-style: none;
      padding: 0;
      margin: 0.5rem 0;
    }
    .timeline li {
      flex: 1 1 0;
      height: 1.25rem;
      border-radius: 3px;
    }
    .alert {
      color: var(--danger);
    }
  `,
})
export class MediaUploadComponent {
  private readonly api = inject(ParticipantApi);
  /** A session runs, so a result can become the participant's mood. */
  readonly canUseAsMood = input(false);
  readonly moodChosen = output<Emotion>();

  protected readonly progress = signal<Progress | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly photo = signal<{ url: string; analysis: ImageAnalysis } | null>(null);
  private readonly frames = signal<FrameVerdict[] | null>(null);
  protected readonly busy = computed(() => this.progress() !== null);

  protected readonly video = computed(() => {
    const frames = this.frames();
    if (!frames) return null;
    const seen = frames.filter((f) => f.label);
    const counts = new Map<Emotion, number>();
    for (const f of seen) counts.set(f.label as Emotion, (counts.get(f.label as Emotion) ?? 0) + 1);
    const label = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
    return { frames, withFace: seen.length, label };
  });

  protected async photoChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.reset();
    if (file.size > MAX_PHOTO_BYTES) {
      this.error.set('That photo is larger than 5 MB; choose a smaller one.');
      return;
    }
    this.progress.set({ done: 0, total: 1, what: 'Analysing the photo' });
    const result = await this.api.analyzeImage(file, file.name);
    this.progress.set(null);
    if (!result.ok) {
      this.error.set(result.error);
      return;
    }
    this.photo.set({ url: URL.createObjectURL(file), analysis: result.value });
  }

  protected async videoChosen(event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.reset();
    this.progress.set({ done: 0, total: 1, what: 'Reading the video' });
    try {
      const sampled = await sampleVideo(file, {
        onFrame: (done, total) => this.progress.set({ done, total, what: 'Taking frames from the video' }),
      });
      const verdicts: FrameVerdict[] = [];
      for (const [i, frame] of sampled.entries()) {
        this.progress.set({ done: i, total: sampled.length, what: 'Analysing frames' });
        const result = await this.api.analyzeImage(frame.jpeg, `frame-${i}.jpg`);
        if (!result.ok) throw new Error(result.error);
        const face = result.value.faces[0];
        verdicts.push({
          at: frame.at,
          label: face ? dominant(face.distribution) : null,
          confidence: face?.confidence ?? 0,
        });
        this.frames.set([...verdicts]);
      }
      this.frames.set(verdicts);
    } catch (e) {
      this.error.set(`The video could not be analysed: ${(e as Error).message}`);
    } finally {
      this.progress.set(null);
    }
  }

  protected useAsMood(label: string): void {
    if ((EMOTIONS as readonly string[]).includes(label)) this.moodChosen.emit(label as Emotion);
  }

  protected emoji(label: string): string {
    return EMOTION_EMOJI[label as Emotion] ?? '';
  }

  protected colour(label: Emotion): string {
    return EMOTION_COLOURS[label];
  }

  protected percent(share: number): string {
    return `${Math.round(share * 100)}%`;
  }

  protected seconds(at: number): string {
    return `${at.toFixed(1)} s`;
  }

  private reset(): void {
    const old = this.photo();
    if (old) URL.revokeObjectURL(old.url);
    this.photo.set(null);
    this.frames.set(null);
    this.error.set(null);
  }
}

function dominant(distribution: EmotionDistribution): Emotion {
  return topEmotion(distribution).label;
}
