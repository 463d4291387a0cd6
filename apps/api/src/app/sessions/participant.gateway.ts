import { Logger } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  Ack,
  ackError,
  ackOk,
  feedbackSchema,
  frameSchema,
  KNOWN_PARTICIPANT_EVENTS,
  NAMESPACES,
  PARTICIPANT_EVENTS,
  selfReportSchema,
  startSessionSchema,
  audioFeaturesSchema,
  moodGoalSchema,
  preferencesSchema,
  textSchema,
  trackEndedSchema,
  endSessionSchema,
  faceEstimateSchema,
  moodOverrideSchema,
} from '@attune/protocol';
import { bindEvent, rejectUnknownEvents } from '../socket/bind-event';
import { LiveEventsService, sessionRoom } from '../socket/live-events.service';
import { FeedbackService } from './feedback.service';
import { FrameService } from './frame.service';
import { LiveSession, SessionRefusedError } from './live-session';
import { RecommendationService } from './recommendation.service';
import { MoodGoal, strategyForMoodGoal } from '@attune/recommender';
import { TextAnalysisService } from '../affect/text-analysis.service';
import { VoiceAnalysisService } from '../affect/voice-analysis.service';
import { MetricsService } from '../metrics/metrics.service';
import { MoodService } from './mood.service';
import { SelfReportService } from './self-report.service';
import { SessionService } from './session.service';
import { EdgeFaceService } from './edge-face.service';
import { GracefulShutdownService } from '../durability/graceful-shutdown.service';

/** The participant's socket: one session per connection, every payload validated. */
@WebSocketGateway({ namespace: NAMESPACES.participant })
export class ParticipantGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(ParticipantGateway.name);

  constructor(
    private readonly sessions: SessionService,
    private readonly frames: FrameService,
    private readonly feedback: FeedbackService,
    private readonly recommendations: RecommendationService,
    private readonly selfReports: SelfReportService,
    private readonly mood: MoodService,
    private readonly textModel: TextAnalysisService,
    private readonly voiceModel: VoiceAnalysisService,
    private readonly metrics: MetricsService,
    private readonly events: LiveEventsService,
    private readonly edgeFace: EdgeFaceService,
    private readonly shutdown: GracefulShutdownService,
  ) {}

  afterInit(ns: Namespace): void {
    this.events.attachParticipants(ns);
    this.shutdown.attach(ns);
  }

  handleConnection(socket: Socket): void {
    const E = PARTICIPANT_EVENTS;
    rejectUnknownEvents(socket, KNOWN_PARTICIPANT_EVENTS);
    bindEvent(
      socket,
      E.startSession,
      startSessionSchema,
      (p) => this.whileAccepting(() => this.start(socket, p.participantCode, p.resumeToken)),
      this.logger,
    );
    bindEvent(
      socket,
      E.frame,
      frameSchema,
      (p) =>
        this.inSession(socket, async (s) =>
          this.edgeFace.allowsFrames(s)
            ? this.frames.submit(s, p)
            : ackError('CONSENT_REQUIRED', 'this study analyses faces in the browser (edge mode); frames are refused'),
        ),
      this.logger,
    );
    bindEvent(
      socket,
      E.feedback,
      feedbackSchema,
      (p) => this.inSession(socket, (s) => this.feedback.store(s, p)),
      this.logger,
    );
    bindEvent(
      socket,
      E.moodGoal,
      moodGoalSchema,
      (p) => this.inSession(socket, (s) => this.moodGoal(s, p.goal)),
      this.logger,
    );
    bindEvent(
      socket,
      E.audioFeatures,
      audioFeaturesSchema,
      (p) => this.inSession(socket, (s) => this.voice(s, p.featureVersion, p.windows)),
      this.logger,
    );
    bindEvent(
      socket,
      E.preferences,
      preferencesSchema,
      (p) =>
        this.inSession(socket, async (s) => {
          s.prefs = p;
          return ackOk(p);
        }),
      this.logger,
    );
    bindEvent(socket, E.text, textSchema, (p) => this.inSession(socket, (s) => this.text(s, p.text)), this.logger);
    bindEvent(
      socket,
      E.selfReport,
      selfReportSchema,
      (p) => this.inSession(socket, (s) => this.selfReports.store(s, p)),
      this.logger,
    );
    bindEvent(
      socket,
      E.trackStarted,
      trackEndedSchema,
      (p) => this.inSession(socket, (s) => this.trackStarted(s, p.recommendationId)),
      this.logger,
    );
    bindEvent(
      socket,
      E.trackEnded,
      trackEndedSchema,
      (p) => this.inSession(socket, (s) => this.trackEnded(s, p.recommendationId)),
      this.logger,
    );
    bindEvent(
      socket,
      E.faceEstimate,
      faceEstimateSchema,
      (p) => this.inSession(socket, (s) => this.edgeFace.submit(s, p)),
      this.logger,
    );
    bindEvent(
      socket,
      E.moodOverride,
      moodOverrideSchema,
      (p) => this.inSession(socket, async (s) => ackOk({ override: await this.mood.override(s, p.emotion) })),
      this.logger,
    );
    bindEvent(socket, E.endSession, endSessionSchema, () => this.endSession(socket), this.logger);
  }

  /** The participant ended the session: it ends now, and the socket may start another one. */
  private async endSession(socket: Socket) {
    const sessionId = socket.data.sessionId as string | undefined;
    if (!sessionId || !this.sessions.get(sessionId)) {
      return ackError('NO_SESSION', `start a session with "${PARTICIPANT_EVENTS.startSession}" first`);
    }
    socket.data.sessionId = undefined;
    this.frames.release(sessionId);
    await this.sessions.end(sessionId);
    await socket.leave(sessionRoom(sessionId));
    return ackOk({ sessionId });
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    const sessionId = socket.data.sessionId as string | undefined;
    if (!sessionId) return;
    this.frames.release(sessionId);
    // Not the end yet: the participant may resume on a new socket within the grace period.
    this.sessions.detach(sessionId, socket.id);
  }

  private async start(socket: Socket, participantCode: string | undefined, resumeToken: string | undefined) {
    if (socket.data.sessionId) return ackError('INVALID_PAYLOAD', 'this connection already has a session');
    let started;
    try {
      ({ started } = resumeToken
        ? await this.sessions.resume(resumeToken)
        : await this.sessions.start(participantCode));
    } catch (err) {
      if (err instanceof SessionRefusedError) return ackError(err.code, err.message);
      throw err;
    }
    socket.data.sessionId = started.sessionId;
    this.sessions.attach(started.sessionId, socket.id);
    const live = this.sessions.get(started.sessionId);
    const faceMode = live
      ? await this.edgeFace.configure(live)
      : { faceMode: 'server' as const, faceModeChoosable: true };
    await socket.join(sessionRoom(started.sessionId));
    return ackOk({ ...started, ...faceMode });
  }

  private async inSession<T>(socket: Socket, run: (live: LiveSession) => Promise<Ack<T>>): Promise<Ack<T>> {
    return this.whileAccepting(async () => {
      const live = this.sessions.get(socket.data.sessionId);
      if (!live) return ackError('NO_SESSION', `start a session with "${PARTICIPANT_EVENTS.startSession}" first`);
      return run(live);
    });
  }

  /** During a graceful shutdown new events are refused (retryable); those already running finish. */
  private whileAccepting<T>(run: () => Promise<Ack<T>>): Promise<Ack<T>> {
    if (!this.shutdown.accepting)
      return Promise.resolve(ackError('UNAVAILABLE', 'the server is shutting down; retry shortly'));
    return this.shutdown.track(run);
  }

  /**
   * "Keep my mood" (mood-congruent) or "improve my mood" (iso principle). An experiment arm's
   * strategy is not overridden: the study decides there, and the answer says which strategy runs.
   */
  private async moodGoal(live: LiveSession, goal: MoodGoal) {
    if (!live.armId) {
      live.strategy = strategyForMoodGoal(goal);
      live.planStartedAt = Date.now();
      if (live.current) await this.recommendations.next(live, 'goal-change');
    }
    return ackOk({ strategy: live.strategy });
  }

  /** Microphone feature windows: consent- and rate-checked, classified, fused; silence gives no estimate. */
  private async voice(live: LiveSession, featureVersion: string, windows: number[][]) {
    if (live.consent && !live.consent.microphone) {
      return ackError('CONSENT_REQUIRED', 'the participant has not consented to microphone analysis');
    }
    if (!live.voiceBudget.take())
      return ackError('RATE_LIMITED', 'too many audio-features messages; about one a second');
    const problem = this.voiceModel.incompatibility(featureVersion, windows);
    if (problem) return ackError('INVALID_PAYLOAD', problem);
    if (!this.voiceModel.loaded()) return ackError('INTERNAL', 'the voice model is not available on this server');
    live.voiceSpeaker ??= this.voiceModel.newSpeaker();
    const estimate = this.voiceModel.estimate(windows, live.voiceSpeaker, Date.now());
    if (estimate) await this.mood.observe(live, estimate);
    return ackOk({ estimate });
  }

  /** A typed message: consent- and rate-checked, classified, fused into the mood. */
  private async text(live: LiveSession, text: string) {
    if (live.consent && !live.consent.text)
      return ackError('CONSENT_REQUIRED', 'the participant has not consented to text analysis');
    if (!live.textBudget.take()) return ackError('RATE_LIMITED', 'too many messages; wait a moment');
    if (!this.textModel.loaded()) return ackError('INTERNAL', 'the text model is not available on this server');
    const estimate = this.textModel.analyze(text, Date.now());
    this.metrics.textMessages.inc();
    await this.mood.observe(live, estimate);
    return ackOk({ estimate });
  }

  /** The exposure proper: playback began in the participant's browser (first report wins). */
  private async trackStarted(live: LiveSession, recommendationId: string) {
    if (!(await this.recommendations.markPlayed(live, recommendationId))) {
      return ackError('NOT_FOUND', `recommendation ${recommendationId} is not part of this session`);
    }
    return ackOk({ recommendationId });
  }

  private async trackEnded(live: LiveSession, recommendationId: string) {
    if (!(await this.recommendations.findInSession(live, recommendationId))) {
      return ackError('NOT_FOUND', `recommendation ${recommendationId} is not part of this session`);
    }
    // Only the track that is playing now advances the session; a late duplicate does not.
    if (live.current?.recommendationId === recommendationId) {
      await this.feedback.recordCompletion(live, recommendationId, live.current.track.id);
      await this.recommendations.next(live, 'track-end');
    }
    return ackOk({ recommendationId });
  }
}
