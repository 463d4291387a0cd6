import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { FrameRateGovernor } from '../inference/frame-rate.governor';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In, IsNull, Not, Repository } from 'typeorm';
import { AffectSample, ConsentRecord, Participant, Session, Study, Withdrawal } from '@attune/persistence';
import type { AffectEstimate, AffectSampleDto, SessionStarted, SessionSummary } from '@attune/protocol';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AssignmentService } from '../experiments/assignment.service';
import { MetricsService } from '../metrics/metrics.service';
import { LiveEventsService } from '../socket/live-events.service';
import { EMPTY_FUSED_STATE } from '@attune/fusion';
import { INITIAL_MOOD_TRIGGER } from '@attune/recommender';
import { LiveSession, SessionRefusedError } from './live-session';
import { TokenBucket } from './rate-limit';

const RECENT_ENDED_SESSIONS = 20;
const LIVE_SESSIONS_LISTED = 200;
const SAMPLES_PER_WATCH = 2000;
/** A participant types a few messages a minute; 5 at once and one every 2 s is generous. */
const TEXT_BURST = 5;
const TEXT_PER_SECOND = 0.5;
/** Voice windows arrive about once a second; allow bursts after a reconnect. */
const VOICE_BURST = 10;
const VOICE_PER_SECOND = 3;

/** A summary plus the owner of its study (null for demo sessions), for per-researcher filtering. */
export type OwnedSessionSummary = SessionSummary & { ownerId: string | null };

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Starts and ends sessions, keeps the live ones in memory, stores downsampled samples.
 * A study participant's session needs a consent record and runs its experiment arm's strategy.
 *
 * Resuming (issue 9): `start` hands out a resume token, `<sessionId>.<secret>`, of which only
 * the secret's hash is kept (in memory and on the session row). A disconnect does not end the
 * session at once: it stays resumable on a new socket (reconnect, reload) for
 * SESSION_RESUME_GRACE_SEC, then ends for good. A server shutdown ends every live session but
 * keeps the tokens: for the same grace period after it, a resume rebuilds the session from
 * the database on the restarted server. `session:end` ends a session at once, for good.
 */
@Injectable()
export class SessionService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SessionService.name);
  private readonly live = new Map<string, LiveSession>();
  /** Hash of each live session's resume secret. */
  private readonly resumeHashes = new Map<string, string>();
  /** The socket each live session is attached to, and the timers ending detached ones. */
  private readonly attached = new Map<string, string>();
  private readonly endTimers = new Map<string, NodeJS.Timeout>();
  private readonly participants: Repository<Participant>;
  private readonly sessions: Repository<Session>;
  private readonly samples: Repository<AffectSample>;
  private readonly consent: Repository<ConsentRecord>;
  private readonly studies: Repository<Study>;
  private readonly withdrawals: Repository<Withdrawal>;

  constructor(
    db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: LiveEventsService,
    private readonly assignments: AssignmentService,
    private readonly metrics: MetricsService,
    private readonly frameRate: FrameRateGovernor,
  ) {
    this.participants = db.getRepository(Participant);
    this.sessions = db.getRepository(Session);
    this.samples = db.getRepository(AffectSample);
    this.consent = db.getRepository(ConsentRecord);
    this.studies = db.getRepository(Study);
    this.withdrawals = db.getRepository(Withdrawal);
  }

  /** @throws SessionRefusedError when a study participant may not start a session now. */
  async start(participantCode: string | undefined): Promise<{ live: LiveSession; started: SessionStarted }> {
    const code = participantCode ?? `P-${randomBytes(4).toString('hex')}`;
    const participant = await this.participantFor(code);
    let consent: LiveSession['consent'] = null;
    let arm = null;
    if (participant.studyId) {
      const study = await this.studies.findOneByOrFail({ id: participant.studyId });
      if (study.status !== 'running')
        throw new SessionRefusedError('CONSENT_REQUIRED', `study "${study.title}" is not running`);
      const record = await this.consent.findOne({ where: { participantId: participant.id }, order: { id: 'DESC' } });
      if (!record) throw new SessionRefusedError('CONSENT_REQUIRED', 'give consent on the study join page first');
      consent = record.choices;
      arm = await this.assignments.armFor(study.id, participant.id);
    }
    const secret = randomBytes(32).toString('base64url');
    const session = await this.sessions.save({
      id: randomUUID(),
      participantId: participant.id,
      strategy: arm?.strategy ?? this.config.recommendationStrategy,
      armId: arm?.id ?? null,
      startedAt: new Date(),
      endedAt: null,
      resumeTokenHash: hashSecret(secret),
    });
    const live = this.goLive(session, participant, consent);
    await this.broadcastSessions();
    return { live, started: this.startedOf(live, `${session.id}.${secret}`, false) };
  }

  /**
   * Re-attaches to a live session, or to one a server shutdown ended less than the grace
   * period ago, given its resume token.
   * @throws SessionRefusedError when the token is wrong or the session can no longer be resumed.
   */
  async resume(token: string): Promise<{ live: LiveSession; started: SessionStarted }> {
    const [sessionId, secret] = token.split('.');
    const refused = () =>
      new SessionRefusedError('NOT_FOUND', 'this session has ended or cannot be resumed; start a new one');
    const live = this.live.get(sessionId);
    if (live) {
      if (!this.matches(this.resumeHashes.get(sessionId), secret)) throw refused();
      return { live, started: this.startedOf(live, token, true) };
    }
    const row = await this.sessions.findOneBy({ id: sessionId });
    const recent = row?.endedAt && Date.now() - row.endedAt.getTime() <= this.config.sessionResumeGraceMs;
    if (!row || !(row.endedAt === null || recent) || !this.matches(row.resumeTokenHash, secret)) throw refused();
    const participant = await this.participants.findOneByOrFail({ id: row.participantId });
    let consent: LiveSession['consent'] = null;
    if (participant.studyId) {
      const study = await this.studies.findOneByOrFail({ id: participant.studyId });
      const record = await this.consent.findOne({ where: { participantId: participant.id }, order: { id: 'DESC' } });
      if (study.status !== 'running' || !record) throw refused();
      consent = record.choices;
    }
    await this.sessions.update({ id: row.id }, { endedAt: null });
    const rebuilt = this.goLive({ ...row, endedAt: null }, participant, consent);
    await this.broadcastSessions();
    return { live: rebuilt, started: this.startedOf(rebuilt, token, true) };
  }

  /** The socket now carrying the session; a pending end (after a disconnect) is called off. */
  attach(sessionId: string, socketId: string): void {
    this.attached.set(sessionId, socketId);
    clearTimeout(this.endTimers.get(sessionId));
    this.endTimers.delete(sessionId);
  }

  /**
   * The socket went away: the session ends after the grace period unless it is resumed. A
   * socket that is no longer the session's (it was resumed elsewhere) changes nothing.
   */
  detach(sessionId: string, socketId: string): void {
    if (this.attached.get(sessionId) !== socketId || !this.live.has(sessionId)) return;
    this.attached.delete(sessionId);
    const timer = setTimeout(() => {
      this.endTimers.delete(sessionId);
      this.end(sessionId).catch((err) =>
        this.logger.error(`could not record the end of session ${sessionId}: ${(err as Error).message}`),
      );
    }, this.config.sessionResumeGraceMs);
    timer.unref();
    this.endTimers.set(sessionId, timer);
  }

  private matches(hash: string | null | undefined, secret: string | undefined): boolean {
    if (!hash || !secret) return false;
    return timingSafeEqual(Buffer.from(hash), Buffer.from(hashSecret(secret)));
  }

  private startedOf(live: LiveSession, resumeToken: string, resumed: boolean): SessionStarted {
    return {
      sessionId: live.id,
      participantId: live.participantId,
      participantCode: live.participantCode,
      frameIntervalMs: this.frameRate.frameIntervalMs,
      studyId: live.studyId,
      consent: live.consent && {
        camera: live.consent.camera,
        microphone: live.consent.microphone,
        text: live.consent.text,
      },
      strategy: live.strategy,
      resumeToken,
      resumed,
      ...(resumed && { current: live.current }),
    };
  }

  private goLive(session: Session, participant: Participant, consent: LiveSession['consent']): LiveSession {
    const live: LiveSession = {
      id: session.id,
      participantId: participant.id,
      participantCode: participant.code,
      studyId: participant.studyId,
      consent,
      armId: session.armId,
      startedAt: session.startedAt,
      strategy: session.strategy,
      mood: null,
      current: null,
      history: [],
      lastStoredAt: {},
      lastEstimate: null,
      fused: EMPTY_FUSED_STATE,
      moodTrigger: INITIAL_MOOD_TRIGGER,
      prefs: {},
      planStartedAt: session.startedAt.getTime(),
      textBudget: new TokenBucket(TEXT_BURST, TEXT_PER_SECOND),
      voiceSpeaker: null,
      voiceBudget: new TokenBucket(VOICE_BURST, VOICE_PER_SECOND),
    };
    this.live.set(live.id, live);
    if (session.resumeTokenHash) this.resumeHashes.set(live.id, session.resumeTokenHash);
    this.metrics.liveSessions.set(this.live.size);
    return live;
  }

  /** Runs before sockets close, so every live session is ended while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.endTimers.values()) clearTimeout(timer);
    this.endTimers.clear();
    const ids = [...this.live.keys()];
    this.live.clear();
    this.resumeHashes.clear();
    this.attached.clear();
    if (ids.length) await this.sessions.update({ id: In(ids) }, { endedAt: new Date() });
  }

  get(sessionId: string | undefined): LiveSession | undefined {
    return sessionId ? this.live.get(sessionId) : undefined;
  }

  /**
   * Ends the session now and revokes its resume token (the participant's `session:end`, or the
   * grace period after a disconnect ran out). Only a server shutdown ends sessions resumably.
   */
  async end(sessionId: string): Promise<void> {
    clearTimeout(this.endTimers.get(sessionId));
    this.endTimers.delete(sessionId);
    this.attached.delete(sessionId);
    this.resumeHashes.delete(sessionId);
    if (!this.live.delete(sessionId)) return;
    this.metrics.liveSessions.set(this.live.size);
    await this.sessions.update({ id: sessionId }, { endedAt: new Date(), resumeTokenHash: null });
    await this.broadcastSessions();
  }

  /** After a withdrawal: the participant's live sessions stop existing (their rows are gone). */
  forgetParticipant(participantId: string): void {
    for (const [id, s] of this.live) {
      if (s.participantId !== participantId) continue;
      this.live.delete(id);
      this.resumeHashes.delete(id);
      clearTimeout(this.endTimers.get(id));
      this.endTimers.delete(id);
    }
    void this.broadcastSessions();
  }

  /** Persists an estimate unless one of its modality was stored less than SAMPLE_INTERVAL_MS ago. */
  async record(live: LiveSession, estimate: AffectEstimate): Promise<boolean> {
    const last = live.lastStoredAt[estimate.modality] ?? -Infinity;
    if (estimate.timestamp - last < this.config.sampleIntervalMs) return false;
    live.lastStoredAt[estimate.modality] = estimate.timestamp;
    const written = this.metrics.dbWriteSeconds.startTimer();
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
    written();
    return true;
  }

  async storedSamples(sessionId: string): Promise<AffectSampleDto[]> {
    const rows = await this.samples.find({ where: { sessionId }, order: { at: 'DESC' }, take: SAMPLES_PER_WATCH });
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

  /** The owner of the session's study (null for a demo session), or undefined when there is no such session. */
  async ownerOf(sessionId: string): Promise<string | null | undefined> {
    const session = await this.sessions.findOne({ where: { id: sessionId }, relations: { participant: true } });
    if (!session) return undefined;
    const studyId = session.participant?.studyId;
    if (!studyId) return null;
    return (await this.studies.findOneBy({ id: studyId }))?.ownerId ?? null;
  }

  /**
   * Live sessions first, then the most recently ended ones — from the database, so that with
   * several instances every researcher sees every instance's sessions.
   */
  async summaries(): Promise<OwnedSessionSummary[]> {
    const [live, ended] = await Promise.all([
      this.sessions.find({ where: { endedAt: IsNull() }, order: { startedAt: 'DESC' }, take: LIVE_SESSIONS_LISTED }),
      this.sessions.find({
        where: { endedAt: Not(IsNull()) },
        order: { startedAt: 'DESC' },
        take: RECENT_ENDED_SESSIONS,
      }),
    ]);
    const rows = [...live, ...ended];
    const people = new Map(
      (await this.participants.findBy({ id: In([...new Set(rows.map((s) => s.participantId))]) })).map((p) => [
        p.id,
        p,
      ]),
    );
    const owners = await this.ownersOf([...people.values()].map((p) => p.studyId));
    return rows.map((s) => {
      const p = people.get(s.participantId);
      const studyId = p?.studyId ?? null;
      return {
        id: s.id,
        studyId,
        ownerId: studyId ? (owners.get(studyId) ?? null) : null,
        participantCode: p?.code ?? '?',
        startedAt: s.startedAt.toISOString(),
        endedAt: s.endedAt?.toISOString() ?? null,
        live: s.endedAt === null,
      };
    });
  }

  private async participantFor(code: string): Promise<Participant> {
    const existing = await this.participants.findOneBy({ code });
    if (existing) return existing;
    if (await this.withdrawals.existsBy({ participantCode: code })) {
      throw new SessionRefusedError('CONSENT_REQUIRED', 'this participant has withdrawn from the study');
    }
    return this.participants.save({ id: randomUUID(), code, studyId: null, createdAt: new Date() });
  }

  private async ownersOf(studyIds: (string | null)[]): Promise<Map<string, string>> {
    const ids = [...new Set(studyIds.filter((id): id is string => !!id))];
    if (!ids.length) return new Map();
    return new Map((await this.studies.findBy({ id: In(ids) })).map((s) => [s.id, s.ownerId]));
  }

  private async broadcastSessions(): Promise<void> {
    this.events.sessionsChanged();
  }
}
