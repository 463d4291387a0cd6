import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { parsePayload, startSessionSchema } from '@attune/protocol';
import { EmotionBarsComponent } from './emotion-bars.component';
import { FrameGrabber } from './frame-grabber';
import { MicToggleComponent } from './mic-toggle.component';
import { MoodPanelComponent } from './mood-panel.component';
import { ParticipantSessionService } from './participant-session.service';
import { TrackPlayerComponent } from './track-player.component';
import { VoiceCaptureService } from './voice-capture.service';

/** `/`: consent note, camera preview, live emotion, mood inputs and the music player. */
@Component({
  selector: 'app-participant-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmotionBarsComponent, MicToggleComponent, MoodPanelComponent, TrackPlayerComponent],
  // One session per visit of the page: leaving it stops the camera, the microphone and the socket.
  providers: [ParticipantSessionService, VoiceCaptureService],
  templateUrl: './participant.page.html',
  styleUrl: './participant.page.css',
})
export default class ParticipantPage {
  protected readonly session = inject(ParticipantSessionService);
  private readonly preview = viewChild.required<ElementRef<HTMLVideoElement>>('preview');

  protected readonly codeError = signal<string | null>(null);
  protected readonly active = computed(() => this.session.phase() === 'starting' || this.session.phase() === 'running');

  protected readonly emotionLabel = computed(() => {
    const result = this.session.latest();
    if (!result) return '—';
    return result.estimate ? result.estimate.label : 'no face';
  });

  protected readonly confidence = computed(() => {
    const estimate = this.session.latest()?.estimate;
    return estimate ? `${Math.round(estimate.confidence * 100)}%` : '—';
  });

  constructor() {
    // srcObject has no attribute form, and not every DOM (jsdom) knows it as a bindable property.
    afterRenderEffect(() => {
      this.preview().nativeElement.srcObject = this.session.stream();
    });
  }

  protected start(participantCode: string): void {
    const code = participantCode.trim();
    // The shared schema, so the form rejects exactly what the server would.
    const parsed = parsePayload(startSessionSchema, code ? { participantCode: code } : {});
    if (!parsed.success) {
      this.codeError.set(`Participant code: ${parsed.issues.map((issue) => issue.replace(/^[^:]*: /, '')).join('; ')}`);
      return;
    }
    this.codeError.set(null);
    const grabber = new FrameGrabber(this.preview().nativeElement);
    void this.session.start(() => grabber.grab(), parsed.data);
  }
}
