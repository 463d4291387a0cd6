import { randomBytes, randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, Not, Repository } from 'typeorm';
import { AffectSample, Participant, Session } from '@attune/persistence';
import type { AffectEstimate, AffectSampleDto, SessionStarted, SessionSummary } from '@attune/protocol';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LiveEventsService } from '../socket/live-events.service';
import { LiveSession } from './live-session';

const RECENT_ENDED_SESSIONS = 20;
const SAMPLES_PER_WATCH = 2000;

/** Starts and ends sessions, keeps the live ones in memory, stores downsampled samples. */
@Injectable()
export class SessionService implements BeforeApplicationShutdown {
  private readonly live = new Map<string, LiveSession>();

  private readonly participants: Repository<Participant>;
  private readonly sessions: Repository<Session>;
  private readonly samples: Repository<AffectSample>;

  constructor(
    db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: LiveEventsService,
  ) {
    this.participants = db.getRepository(Participant);
    this.sessions = db.getRepository(Session);
    this.samples = db.getRepository(AffectSample);
  }

  async start(participantCode: string | undefined): Promise<{ live: LiveSession; started: SessionStarted }> {
    const code = participantCode ?? `P-${randomBytes(4).toString('hex')}`;
    const participant =
      (await this.participants.findOneBy({ code })) ??
      (await this.participants.save({
        id: randomUUID(),
        code,
        createdAt: new Date(),
      }));
    const session = await this.sessions.save({
      id: randomUUID(),
      participantId: participant.id,
      strategy: this.config.recommendationStrategy,
      startedAt: new Date(),
      endedAt: null,
    });
    const live: LiveSession = {
      id: session.id,
      participantId: participant.id,
      participantCode: participant.code,
      startedAt: session.startedAt,
      strategy: session.strategy,
      mood: null,
      current: null,
      history: [],
      lastStoredAt: {},
      lastEstimate: null,
    };
    this.live.set(live.id, live);
    await this.broadcastSessions();
    return {
      live,
      started: {
        sessionId: live.id,
        participantId: participant.id,
        participantCode: participant.code,
        frameIntervalMs: this.config.frameIntervalMs,
      },
    };
  }

  /** Runs before sockets close, so every live session is ended while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    const ids = [...this.live.keys()];
    this.live.clear();
    if (ids.length) await this.sessions.update({ id: In(ids) }, { endedAt: new Date() });
  }

  get(sessionId: string | undefined): LiveSession | undefined {
    return sessionId ? this.live.get(sessionId) : undefined;
  }

  async end(sessionId: string): Promise<void> {
    if (!this.live.delete(sessionId)) return;
    await this.sessions.update({ id: sessionId }, { endedAt: new Date() });
    await this.broadcastSessions();
  }

  /** Persists an estimate unless one of its modality was stored less than SAMPLE_INTERVAL_MS ago. */
  async record(live: LiveSession, estimate: AffectEstimate): Promise<boolean> {
    const last = live.lastStoredAt[estimate.modality] ?? -Infinity;
    if (estimate.timestamp - last < this.config.sampleIntervalMs) return false;
    live.lastStoredAt[estimate.modality] = estimate.timestamp;
    await this.samples.insert({
      sessionId: live.id,
      modality: estimate.modality,
      at: new Date(estimate.timestamp),
      label: estimate.label,
      confidence: estimate.confidence,
      valence: estimate.valence,
      arousal: estimate.arousal,
      distribution: estimate.distribution,
      modelId: estimate.modelId,
    });
    return true;
  }

  async storedSamples(sessionId: string): Promise<AffectSampleDto[]> {
    const rows = await this.samples.find({
      where: { sessionId },
      order: { at: 'DESC' },
      take: SAMPLES_PER_WATCH,
    });
    return rows.reverse().map((s) => ({
      at: s.at.getTime(),
      modality: s.modality,
      label: s.label,
      confidence: s.confidence,
      valence: s.valence,
      arousal: s.arousal,
      distribution: s.distribution,
    }));
  }

  async exists(sessionId: string): Promise<boolean> {
    return (await this.sessions.countBy({ id: sessionId })) > 0;
  }

  /** Live sessions first, then the most recently ended ones. */
  async summaries(): Promise<SessionSummary[]> {
    const ended = await this.sessions.find({
      where: { endedAt: Not(IsNull()) },
      order: { startedAt: 'DESC' },
      take: RECENT_ENDED_SESSIONS,
    });
    const codes = new Map(
      (
        await this.participants.findBy({
          id: In([...new Set(ended.map((s) => s.participantId))]),
        })
      ).map((p) => [p.id, p.code]),
    );
    const live = [...this.live.values()]
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())
      .map((s) => ({
        id: s.id,
        participantCode: s.participantCode,
        startedAt: s.startedAt.toISOString(),
        endedAt: null,
        live: true,
      }));
    return [
      ...live,
      ...ended.map((s) => ({
        id: s.id,
        participantCode: codes.get(s.participantId) ?? '?',
        startedAt: s.startedAt.toISOString(),
        endedAt: s.endedAt?.toISOString() ?? null,
        live: false,
      })),
    ];
  }

  private async broadcastSessions(): Promise<void> {
    this.events.sessions(await this.summaries());
  }
}
