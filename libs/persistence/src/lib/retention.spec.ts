import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, testDatabaseKinds, TestDatabase } from '../testing';
import { dataSourceOptions } from './data-source-options';
import {
  AffectSample,
  Assignment,
  AuditEntry,
  ConsentFormVersion,
  ConsentRecord,
  Experiment,
  ExperimentArm,
  Feedback,
  Participant,
  Recommendation,
  Researcher,
  SelfReport,
  Session,
  Study,
  Track,
  Withdrawal,
} from './entities';
import { purgeExpired } from './retention';

const DAY = 24 * 3600_000;
const NOW = new Date('2026-06-01T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * DAY);
const dist = { angry: 0, disgust: 0, fear: 0, happy: 0.9, sad: 0, surprise: 0.05, neutral: 0.05 };

describe.each(testDatabaseKinds())('retention purge on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let trackId: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = new DataSource(dataSourceOptions(db.config));
    await ds.initialize();
    await ds.runMigrations();
    trackId = randomUUID().replace(/-/g, '').slice(0, 16);
    await ds.getRepository(Track).insert({
      id: trackId,
      title: 'Awakening',
      artist: 'Max McCracken',
      album: 'Singularity',
      emotion: 'happy',
      path: '/music/happy/awakening.ogg',
      mimeType: 'audio/ogg',
      sizeBytes: 1,
      licence: 'CC BY-SA 3.0',
      attribution: 'x',
      updatedAt: NOW,
    });
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function study(forms: number[]) {
    const owner = await ds.getRepository(Researcher).save({
      id: randomUUID(),
      email: `${randomUUID()}@attune.test`,
      passwordHash: 'x',
      role: 'researcher',
      createdAt: NOW,
    });
    const s = await ds.getRepository(Study).save({
      id: randomUUID(),
      ownerId: owner.id,
      title: 't',
      description: 'd',
      status: 'running',
      createdAt: daysAgo(400),
    });
    const versions = [];
    for (const [i, retentionDays] of forms.entries()) {
      versions.push(
        await ds.getRepository(ConsentFormVersion).save({
          id: randomUUID(),
          studyId: s.id,
          version: i + 1,
          text: '#',
          modalities: ['camera'],
          offersRawMediaStorage: false,
          retentionDays,
          createdAt: daysAgo(400),
        }),
      );
    }
    return { study: s, versions };
  }

  async function participant(studyId: string | null, formVersion?: ConsentFormVersion) {
    const p = await ds
      .getRepository(Participant)
      .save({ id: randomUUID(), code: `P-${randomUUID().slice(0, 8)}`, studyId, createdAt: daysAgo(300) });
    if (formVersion) {
      await ds.getRepository(ConsentRecord).insert({
        participantId: p.id,
        formVersionId: formVersion.id,
        formVersion: formVersion.version,
        choices: { camera: true, microphone: false, text: false, storeRawMedia: false },
        createdAt: daysAgo(300),
      });
    }
    return p;
  }

  /** A session with one of everything at `at`, ended at `endedAt`. */
  async function session(participantId: string, startedAt: Date, endedAt: Date | null, at: Date[]) {
    const s = await ds.getRepository(Session).save({
      id: randomUUID(),
      participantId,
      strategy: 'emotion-folder-random',
      armId: null,
      startedAt,
      endedAt,
    });
    for (const t of at) {
      const rec = randomUUID();
      await ds.getRepository(Recommendation).insert({
        id: rec,
        sessionId: s.id,
        trackId,
        strategy: 'emotion-folder-random',
        trigger: 'start',
        explanation: 'x',
        moodLabel: 'happy',
        moodConfidence: 0.9,
        moodValence: 0.5,
        moodArousal: 0.3,
        armId: null,
        shownAt: t,
        playedAt: t,
      });
      await ds.getRepository(Feedback).insert({
        id: randomUUID(),
        clientEventId: randomUUID(),
        sessionId: s.id,
        recommendationId: rec,
        kind: 'like',
        value: null,
        listenedSec: null,
        createdAt: t,
      });
      await ds.getRepository(AffectSample).insert({
        sessionId: s.id,
        modality: 'face',
        at: t,
        label: 'happy',
        confidence: 0.9,
        valence: 0.5,
        arousal: 0.3,
        distribution: dist,
        modelId: 'm',
      });
      await ds.getRepository(SelfReport).insert({
        id: randomUUID(),
        clientEventId: randomUUID(),
        sessionId: s.id,
        phase: 'after',
        valence: 5,
        arousal: 5,
        dominance: 5,
        createdAt: t,
      });
    }
    return s;
  }

  const count = async (sessionId: string) => ({
    samples: await ds.getRepository(AffectSample).countBy({ sessionId }),
    exposures: await ds.getRepository(Recommendation).countBy({ sessionId }),
    feedback: await ds.getRepository(Feedback).countBy({ sessionId }),
    selfReports: await ds.getRepository(SelfReport).countBy({ sessionId }),
    session: await ds.getRepository(Session).countBy({ id: sessionId }),
  });

  it('deletes rows older than the retention days of the form each participant consented to, keeps newer ones', async () => {
    // Form v1 keeps 30 days, v2 keeps 90: each participant is held to the version they signed.
    const { study: s, versions } = await study([30, 90]);
    const onV1 = await participant(s.id, versions[0]);
    const onV2 = await participant(s.id, versions[1]);
    const oldOnV1 = await session(onV1.id, daysAgo(45), daysAgo(44), [daysAgo(45)]);
    const mixedOnV1 = await session(onV1.id, daysAgo(31), null, [daysAgo(31), daysAgo(29), daysAgo(1)]);
    const recentOnV1 = await session(onV1.id, daysAgo(5), daysAgo(5), [daysAgo(5)]);
    const oldOnV2 = await session(onV2.id, daysAgo(45), daysAgo(44), [daysAgo(45)]);
    const expiredOnV2 = await session(onV2.id, daysAgo(120), daysAgo(119), [daysAgo(120)]);
    const assignmentsBefore = await ds.getRepository(Assignment).count();

    const report = await purgeExpired(ds, { now: NOW, demoRetentionDays: 30 });

    expect(await count(oldOnV1.id)).toEqual({ samples: 0, exposures: 0, feedback: 0, selfReports: 0, session: 0 });
    // Never ended, started 31 days ago: only the rows past 30 days go, the session stays with the rest.
    expect(await count(mixedOnV1.id)).toEqual({ samples: 2, exposures: 2, feedback: 2, selfReports: 2, session: 1 });
    expect(await count(recentOnV1.id)).toEqual({ samples: 1, exposures: 1, feedback: 1, selfReports: 1, session: 1 });
    expect(await count(oldOnV2.id)).toEqual({ samples: 1, exposures: 1, feedback: 1, selfReports: 1, session: 1 });
    expect(await count(expiredOnV2.id)).toEqual({ samples: 0, exposures: 0, feedback: 0, selfReports: 0, session: 0 });

    // Kept: the participants, their consent log and assignments.
    expect(await ds.getRepository(Participant).countBy({ studyId: s.id })).toBe(2);
    expect(await ds.getRepository(ConsentRecord).countBy({ participantId: onV1.id })).toBe(1);
    expect(await ds.getRepository(Assignment).count()).toBe(assignmentsBefore);
    // One audit entry per study and retention period, with counts only.
    const audit = await ds.getRepository(AuditEntry).findBy({ action: 'retention.purge', targetId: s.id });
    expect(audit.map((a) => a.details['retentionDays']).sort()).toEqual([30, 90]);
    expect(report.groups.filter((g) => g.studyId === s.id).map((g) => g.deleted)).toEqual(
      expect.arrayContaining([
        { samples: 2, exposures: 2, feedback: 2, selfReports: 2, sessions: 1 },
        { samples: 1, exposures: 1, feedback: 1, selfReports: 1, sessions: 1 },
      ]),
    );
  });

  it('holds a participant without a consent record to the study’s newest form, demo sessions to the default', async () => {
    const { study: s } = await study([10, 60]);
    const unsigned = await participant(s.id);
    const within = await session(unsigned.id, daysAgo(40), daysAgo(40), [daysAgo(40)]);
    const demo = await participant(null);
    const oldDemo = await session(demo.id, daysAgo(8), daysAgo(8), [daysAgo(8)]);
    const newDemo = await session(demo.id, daysAgo(6), daysAgo(6), [daysAgo(6)]);

    await purgeExpired(ds, { now: NOW, demoRetentionDays: 7 });

    expect((await count(within.id)).session).toBe(1);
    expect(await count(oldDemo.id)).toEqual({ samples: 0, exposures: 0, feedback: 0, selfReports: 0, session: 0 });
    expect((await count(newDemo.id)).samples).toBe(1);
  });

  it('keeps the row of a session the caller holds live (its old rows go), and is idempotent', async () => {
    const demo = await participant(null);
    const live = await session(demo.id, daysAgo(50), null, [daysAgo(50)]);
    await purgeExpired(ds, { now: NOW, demoRetentionDays: 30, isLive: (id) => id === live.id });
    expect(await count(live.id)).toEqual({ samples: 0, exposures: 0, feedback: 0, selfReports: 0, session: 1 });
    const again = await purgeExpired(ds, { now: NOW, demoRetentionDays: 30, isLive: (id) => id === live.id });
    expect(again.groups.every((g) => Object.values(g.deleted).every((n) => n === 0))).toBe(true);
  });

  it('never touches withdrawals or other studies’ experiments', async () => {
    const before = {
      withdrawals: await ds.getRepository(Withdrawal).count(),
      experiments: await ds.getRepository(Experiment).count(),
      arms: await ds.getRepository(ExperimentArm).count(),
    };
    await purgeExpired(ds, { now: new Date(NOW.getTime() + 3650 * DAY), demoRetentionDays: 1 });
    expect({
      withdrawals: await ds.getRepository(Withdrawal).count(),
      experiments: await ds.getRepository(Experiment).count(),
      arms: await ds.getRepository(ExperimentArm).count(),
    }).toEqual(before);
  });
});
