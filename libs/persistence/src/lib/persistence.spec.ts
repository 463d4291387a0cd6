import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError } from 'typeorm';
import { createTestDatabase, testDatabaseKinds, TestDatabase } from '../testing';
import { dataSourceOptions, databaseKind } from './data-source-options';
import { AffectSample, Feedback, Participant, Recommendation, Session, Track } from './entities';
import { MIGRATIONS } from './migrations';

const dist = { angry: 0, disgust: 0, fear: 0, happy: 0.9, sad: 0, surprise: 0.05, neutral: 0.05 };

describe.each(testDatabaseKinds())('persistence on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = new DataSource(dataSourceOptions(db.config));
    await ds.initialize();
    await ds.runMigrations();
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  async function seedExposure() {
    const participant = await ds.getRepository(Participant).save({
      id: randomUUID(),
      code: `P-${randomUUID().slice(0, 8)}`,
      createdAt: new Date(),
    });
    const session = await ds.getRepository(Session).save({
      id: randomUUID(),
      participantId: participant.id,
      strategy: 'emotion-folder-random',
      startedAt: new Date(),
      endedAt: null,
    });
    const track = await ds.getRepository(Track).save({
      id: randomUUID().replace(/-/g, '').slice(0, 16),
      title: 'Awakening',
      artist: 'Max McCracken',
      album: 'Singularity',
      emotion: 'happy',
      path: '/music/happy/awakening.ogg',
      mimeType: 'audio/ogg',
      sizeBytes: 123456,
      licence: 'CC BY-SA 3.0',
      attribution: '"Awakening" by Max McCracken, CC BY-SA 3.0',
      updatedAt: new Date(),
    });
    const rec = await ds.getRepository(Recommendation).save({
      id: randomUUID(),
      sessionId: session.id,
      trackId: track.id,
      strategy: 'emotion-folder-random',
      trigger: 'start',
      explanation: 'Detected happy (90%): random pick 1 of 2 tracks in the "happy" folder.',
      moodLabel: 'happy',
      moodConfidence: 0.9,
      moodValence: 0.72,
      moodArousal: 0.45,
      shownAt: new Date(),
    });
    return { participant, session, track, rec };
  }

  it('applies the migrations once and has nothing pending', async () => {
    expect(ds.options.type).toMatch(kind === 'sqlite' ? /^better-sqlite3$/ : /^(mysql|mariadb)$/);
    expect(await ds.showMigrations()).toBe(false);
  });

  it('has entities that match the migrated schema (no drift)', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('stores feedback tied to its recommendation and session', async () => {
    const { session, rec } = await seedExposure();
    await ds.getRepository(Feedback).save({
      id: randomUUID(),
      clientEventId: randomUUID(),
      sessionId: session.id,
      recommendationId: rec.id,
      kind: 'like',
      createdAt: new Date(),
    });
    const stored = await ds.getRepository(Feedback).find({
      where: { sessionId: session.id },
      relations: { recommendation: { track: true } },
    });
    expect(stored).toHaveLength(1);
    expect(stored[0].recommendation?.id).toBe(rec.id);
    expect(stored[0].recommendation?.track?.title).toBe('Awakening');
  });

  it('refuses a second feedback row with the same client event id', async () => {
    const { session, rec } = await seedExposure();
    const row = { sessionId: session.id, recommendationId: rec.id, kind: 'skip' as const, createdAt: new Date() };
    const clientEventId = randomUUID();
    await ds.getRepository(Feedback).insert({ ...row, id: randomUUID(), clientEventId });
    await expect(ds.getRepository(Feedback).insert({ ...row, id: randomUUID(), clientEventId })).rejects.toBeInstanceOf(
      QueryFailedError,
    );
  });

  it('refuses feedback for a recommendation that does not exist', async () => {
    const { session } = await seedExposure();
    await expect(
      ds.getRepository(Feedback).insert({
        id: randomUUID(),
        clientEventId: randomUUID(),
        sessionId: session.id,
        recommendationId: randomUUID(),
        kind: 'like',
        createdAt: new Date(),
      }),
    ).rejects.toBeInstanceOf(QueryFailedError);
  });

  it('round-trips affect samples with millisecond timestamps and their distribution', async () => {
    const { session } = await seedExposure();
    const at = new Date(Date.UTC(2026, 10, 21, 8, 30, 15, 123));
    await ds.getRepository(AffectSample).save({
      sessionId: session.id,
      modality: 'face',
      at,
      label: 'happy',
      confidence: 0.9,
      valence: 0.72,
      arousal: 0.45,
      distribution: dist,
      modelId: 'human-emotion',
    });
    const [sample] = await ds.getRepository(AffectSample).find({ where: { sessionId: session.id } });
    expect(sample.at.getTime()).toBe(at.getTime());
    expect(sample.distribution).toEqual(dist);
    expect(sample.valence).toBeCloseTo(0.72, 10);
  });

  it('deletes a participant with everything recorded about them', async () => {
    const { participant, session, rec } = await seedExposure();
    await ds.getRepository(Feedback).save({
      id: randomUUID(),
      clientEventId: randomUUID(),
      sessionId: session.id,
      recommendationId: rec.id,
      kind: 'dislike',
      createdAt: new Date(),
    });
    await ds.getRepository(Participant).delete(participant.id);
    expect(await ds.getRepository(Session).countBy({ participantId: participant.id })).toBe(0);
    expect(await ds.getRepository(Recommendation).countBy({ sessionId: session.id })).toBe(0);
    expect(await ds.getRepository(Feedback).countBy({ sessionId: session.id })).toBe(0);
  });

  // Last in the file: it takes the schema down and back up.
  it('reverts every migration and applies them again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
    expect(await ds.createQueryRunner().hasTable('participant')).toBe(false);
    await ds.runMigrations();
    expect(await ds.showMigrations()).toBe(false);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  }, 60_000);
});

describe('database selection', () => {
  it('uses SQLite without a URL, MySQL for mysql:// and mariadb://, and rejects others', () => {
    expect(databaseKind(undefined)).toBe('sqlite');
    expect(databaseKind('mysql://root@127.0.0.1/test')).toBe('mysql');
    expect(databaseKind('mariadb://root@127.0.0.1/test')).toBe('mysql');
    expect(() => databaseKind('postgres://x')).toThrow(/mysql:\/\//);
  });
});
