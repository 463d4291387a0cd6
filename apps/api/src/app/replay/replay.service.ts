import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Feedback, Recommendation } from '@attune/persistence';
import type { AuthenticatedResearcher } from '../auth/auth.service';
import { SessionService } from '../sessions/session.service';
import { canSeeSession } from '../studies/session-visibility';
import { SessionReplayDto } from './replay.dto';

/** Everything stored about one session, in time order, for the researcher's replay. */
@Injectable()
export class ReplayService {
  constructor(
    private readonly db: DataSource,
    private readonly sessions: SessionService,
  ) {}

  async replay(researcher: AuthenticatedResearcher, sessionId: string): Promise<SessionReplayDto> {
    const owner = await this.sessions.ownerOf(sessionId);
    // 404 for sessions of other researchers' studies, so their ids are not confirmed.
    if (owner === undefined || !canSeeSession(researcher, owner))
      throw new NotFoundException(`no session ${sessionId}`);
    const [samples, recs, feedback] = await Promise.all([
      this.sessions.storedSamples(sessionId),
      this.db
        .getRepository(Recommendation)
        .find({ where: { sessionId }, relations: { track: true }, order: { shownAt: 'ASC' } }),
      this.db.getRepository(Feedback).find({ where: { sessionId }, order: { createdAt: 'ASC' } }),
    ]);
    return {
      sessionId,
      samples,
      exposures: recs.map((r) => ({
        id: r.id,
        shownAt: r.shownAt.getTime(),
        playedAt: r.playedAt?.getTime() ?? null,
        trackId: r.trackId,
        title: r.track?.title ?? r.trackId,
        artist: r.track?.artist ?? '',
        strategy: r.strategy,
        trigger: r.trigger,
      })),
      feedback: feedback.map((f) => ({
        at: f.createdAt.getTime(),
        kind: f.kind,
        value: f.value,
        exposureId: f.recommendationId,
      })),
    };
  }
}
