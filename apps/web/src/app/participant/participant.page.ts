import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Router } from '@angular/router';
import { parsePayload, startSessionSchema, type Emotion } from '@attune/protocol';
import { ConsentFormComponent } from './consent-form.component';
import { EdgeModelLoader } from './edge/edge-model.loader';
import { EmotionBarsComponent } from './emotion-bars.component';
import { FrameGrabber } from './frame-grabber';
import { MediaUploadComponent } from './media-upload.component';
import { MicToggleComponent } from './mic-toggle.component';
import { MoodPanelComponent } from './mood-panel.component';
import { ParticipantApi, type ConsentChoices, type JoinInfo } from './participant-api';
import { ParticipantSessionService, type SamRatings } from './participant-session.service';
import { SamFormComponent } from './sam-form.component';
import { SessionHistoryComponent } from './session-history.component';
import { TrackPlayerComponent, type FeedbackRequest } from './track-player.component';
import { VoiceCaptureService } from './voice-capture.service';

/** The join link's state: the study and its form, loading, or why it failed. */
type JoinState =
  | { state: 'loading' }
  | { state: 'failed'; error: string }
  | { state: 'consent'; info: JoinInfo; saving: boolean; error?: string }
  | { state: 'ready'; info: JoinInfo };

/** Self-report before the music: asked once a session runs, until answered or skipped. */
type SamStep = 'pending' | 'answered' | 'skipped';

/**
 * `/` (open demo, or a participant code) and `/join/:code` (a study's link: consent first).
 * The session: camera with the face box, microphone, mood, music, uploads, self-report, history.
 */
@Component({
  selector: 'app-participant-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ConsentFormComponent,
    EmotionBarsComponent,
    MediaUploadComponent,
    MicToggleComponent,
    MoodPanelComponent,
    SamFormComponent,
    SessionHistoryComponent,
    TrackPlayerComponent,
  ],
  // One session per visit of the page: leaving it stops the camera, the microphone and the socket.
  providers: [ParticipantSessionService, VoiceCaptureService, EdgeModelLoader],
  templateUrl: './participant.page.html',
  styleUrl: './participant.page.css',
})
export default class ParticipantPage {
  /** From the route `/join/:code` (component input binding). */
  readonly code = input<string | undefined>(undefined);

  protected readonly session = inject(ParticipantSessionService);
  protected readonly edge = inject(EdgeModelLoader);
  private readonly api = inject(ParticipantApi);
  private readonly router = inject(Router);
  private readonly preview = viewChild<ElementRef<HTMLVideoElement>>('preview');
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('codeInput');

  protected readonly codeError = signal<string | null>(null);
  protected readonly checkingCode = signal(false);
  protected readonly join = signal<JoinState | null>(null);
  protected readonly samBefore = signal<SamStep>('pending');
  /** End pressed: the after-music self-report is shown before the session really ends. */
  protected readonly ending = signal(false);

  protected readonly active = computed(() => this.session.phase() === 'starting' || this.session.phase() === 'running');
  protected readonly running = computed(() => this.session.phase() === 'running' && !!this.session.session());
  /** The session part of the page shows for the demo and once a study's consent is given. */
  protected readonly sessionShown = computed(() => !this.code() || this.join()?.state === 'ready');
  protected readonly edgeChoosable = computed(() => {
    const started = this.session.session();
    return !this.code() && (!started || !!started.faceModeChoosable);
  });

  protected readonly emotionLabel = computed(() => {
    const result = this.session.latest();
    if (!result) return '—';
    return result.estimate ? result.estimate.label : 'no face';
  });

  protected readonly confidence = computed(() => {
    const estimate = this.session.latest()?.estimate;
    return estimate ? `${Math.round(estimate.confidence * 100)}%` : '—';
  });

  /** The face box over the mirrored preview: x is flipped like the picture. */
  protected readonly faceBox = computed(() => {
    const result = this.session.latest();
    if (!result?.box || !result.estimate) return null;
    const { x, y, width, height } = result.box;
    return {
      left: (1 - x - width) * 100,
      top: y * 100,
      width: width * 100,
      height: height * 100,
      text: `${result.estimate.label} ${Math.round(result.estimate.confidence * 100)}%`,
    };
  });

  protected readonly cameraText = computed(() => {
    if (this.session.session()?.consent?.camera === false) return 'The camera stays off: you did not agree to it.';
    return this.active() ? 'Waiting for the camera…' : 'The camera is off.';
  });

  protected readonly edgeText = computed(() => {
    if (this.session.faceMode() !== 'edge') return null;
    const model = this.edge.model();
    if (model.state === 'loading' || model.state === 'idle') return 'Loading the face model into your browser…';
    if (model.state === 'failed') return model.error;
    return `Your face is analysed on this device (${model.modelId}, ${model.backend}); no picture is sent.`;
  });

  constructor() {
    // srcObject has no attribute form, and not every DOM (jsdom) knows it as a bindable property.
    afterRenderEffect(() => {
      const video = this.preview()?.nativeElement;
      if (video) video.srcObject = this.session.stream();
    });
    effect(() => {
      const code = this.code();
      untracked(() => (code ? void this.loadJoin(code) : this.join.set(null)));
    });
    // Edge mode: load the browser model once a session wants it; until then no face data is sent.
    effect(() => {
      const wanted = this.session.faceMode() === 'edge' && this.active();
      const video = this.preview()?.nativeElement;
      if (!wanted || !video) return;
      untracked(() => void this.edge.analyserFor(video).then((analyser) => this.session.setEdgeAnalyser(analyser)));
    });
    // Crop mode, the default: the browser's detector cuts out the face and only the crop is sent;
    // until it has loaded (or where it cannot run) whole frames go to the server.
    effect(() => {
      const wanted = this.session.faceMode() === 'server' && this.active();
      const video = this.preview()?.nativeElement;
      if (!wanted || !video) return;
      untracked(() => void this.edge.cropperFor(video).then((cropper) => this.session.setFaceCropper(cropper)));
    });
    effect(() => {
      if (this.session.phase() === 'starting') untracked(() => this.samBefore.set('pending'));
    });
  }

  protected async start(): Promise<void> {
    const code = (this.code() ?? this.codeInput()?.nativeElement.value ?? '').trim();
    // The shared schema, so the form rejects exactly what the server would.
    const parsed = parsePayload(startSessionSchema, code ? { participantCode: code } : {});
    if (!parsed.success) {
      this.codeError.set(`Participant code: ${parsed.issues.map((issue) => issue.replace(/^[^:]*: /, '')).join('; ')}`);
      return;
    }
    this.codeError.set(null);
    // A study's code typed on the front page goes through its join page (consent) first.
    if (code && !this.code()) {
      this.checkingCode.set(true);
      const info = await this.api.joinInfo(code);
      this.checkingCode.set(false);
      if (info.ok) {
        await this.router.navigate(['/join', code]);
        return;
      }
    }
    const video = this.preview()?.nativeElement;
    if (!video) return;
    const grabber = new FrameGrabber(video);
    this.ending.set(false);
    const join = this.join();
    const camera = join?.state !== 'ready' || join.info.consent?.choices.camera !== false;
    void this.session.start(() => grabber.grab(), parsed.data, camera);
  }

  protected toggleEdge(event: Event): void {
    this.session.edgeWanted.set((event.target as HTMLInputElement).checked);
  }

  protected feedback(request: FeedbackRequest): void {
    void this.session.sendFeedback(request.kind, request.value, request.listenedSec);
  }

  protected moodChosen(emotion: Emotion): void {
    void this.session.overrideMood(emotion);
  }

  protected async samBeforeDone(ratings: SamRatings): Promise<void> {
    if (await this.session.sendSelfReport('before', ratings)) this.samBefore.set('answered');
  }

  protected async samAfterDone(ratings: SamRatings): Promise<void> {
    if (await this.session.sendSelfReport('after', ratings)) await this.finish();
  }

  protected async finish(): Promise<void> {
    this.ending.set(false);
    this.edge.dispose();
    await this.session.endSession();
  }

  protected async consent(code: string, given: { formVersion: number; choices: ConsentChoices }): Promise<void> {
    const state = this.join();
    if (state?.state !== 'consent') return;
    this.join.set({ ...state, saving: true, error: undefined });
    const result = await this.api.giveConsent(code, given.formVersion, given.choices);
    if (!result.ok) {
      this.join.set({ ...state, saving: false, error: result.error });
      return;
    }
    this.join.set({
      state: 'ready',
      info: {
        ...state.info,
        consent: { formVersion: given.formVersion, choices: given.choices, at: new Date().toISOString() },
      },
    });
  }

  protected retryJoin(): void {
    const code = this.code();
    if (code) void this.loadJoin(code);
  }

  private async loadJoin(code: string): Promise<void> {
    this.join.set({ state: 'loading' });
    const result = await this.api.joinInfo(code);
    if (code !== this.code()) return;
    this.join.set(
      result.ok ? { state: 'consent', info: result.value, saving: false } : { state: 'failed', error: result.error },
    );
  }
}
