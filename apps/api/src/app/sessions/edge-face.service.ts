import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { Study } from '@attune/persistence';
import {
  Ack,
  ackError,
  ackOk,
  topEmotion,
  valenceArousalOf,
  type AffectEstimate,
  type FaceEstimatePayload,
  type FaceMode,
  type FrameResult,
} from '@attune/protocol';
import { MetricsService } from '../metrics/metrics.service';
import { LiveEventsService } from '../socket/live-events.service';
import { LiveSession } from './live-session';
import { MoodService } from './mood.service';
import { TokenBucket } from './rate-limit';

/** The browser sends an estimate per frame it analysed (~2 a second); bursts after a reconnect. */
const EDGE_BURST = 10;
const EDGE_PER_SECOND = 5;

/**
 * Edge mode: the face model ran in the participant's browser and only its estimate arrives.
 * The study decides the mode: a study in 'edge' mode is refused frames (the gateway asks
 * `allowsFrames`), a 'server' study is refused browser estimates; a demo session may use either.
 */
@Injectable()
export class EdgeFaceService {
  private readonly studies: Repository<Study>;

  constructor(
    db: DataSource,
    private readonly mood: MoodService,
    private readonly events: LiveEventsService,
    private readonly metrics: MetricsService,
  ) {
    this.studies = db.getRepository(Study);
  }

  /** Sets the session's face mode from its study (demo sessions: 'server', edge allowed). */
  async configure(live: LiveSession): Promise<{ faceMode: FaceMode; faceModeChoosable: boolean }> {
    const study = live.studyId ? await this.studies.findOneBy({ id: live.studyId }) : null;
    live.faceMode = study?.faceMode ?? 'server';
    live.faceModeChoosable = !study;
    live.edgeBudget = new TokenBucket(EDGE_BURST, EDGE_PER_SECOND);
    return { faceMode: live.faceMode, faceModeChoosable: live.faceModeChoosable };
  }

  allowsFrames(live: LiveSession): boolean {
    return live.faceMode !== 'edge';
  }

  async submit(live: LiveSession, p: FaceEstimatePayload): Promise<Ack<FrameResult>> {
    if (live.consent && !live.consent.camera) {
      return ackError('CONSENT_REQUIRED', 'the participant has not consented to camera analysis');
    }
    if (live.faceMode !== 'edge' && !live.faceModeChoosable) {
      return ackError('INVALID_PAYLOAD', 'this study analyses faces on the server; send frames instead');
    }
    live.edgeBudget ??= new TokenBucket(EDGE_BURST, EDGE_PER_SECOND);
    if (!live.edgeBudget.take()) return ackError('RATE_LIMITED', 'too many face estimates; a few a second');
    if ((p.faces === 0) !== (p.distribution === null)) {
      return ackError('INVALID_PAYLOAD', 'distribution is required when a face was found, and only then');
    }
    this.metrics.frames.inc({ outcome: 'edge' });
    const estimate: AffectEstimate | null = p.distribution && {
      modality: 'face',
      distribution: p.distribution,
      ...topEmotion(p.distribution),
      ...valenceArousalOf(p.distribution),
      modelId: `edge:${p.modelId}`,
      timestamp: Date.now(),
    };
    const result: FrameResult = { seq: p.seq, faces: p.faces, estimate, box: p.box };
    this.events.emotion({ ...result, sessionId: live.id, at: Date.now() });
    if (estimate) {
      live.lastEstimate = estimate;
      await this.mood.observe(live, estimate);
    }
    return ackOk(result);
  }
}
