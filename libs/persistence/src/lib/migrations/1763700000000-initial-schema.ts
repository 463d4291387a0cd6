import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { fk, increment, int, longText, real, text, time, uuid } from './table-columns';

export class InitialSchema1763700000000 implements MigrationInterface {
  name = 'InitialSchema1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'participant',
        columns: [uuid('id', { isPrimary: true }), text('code', 64), time('createdAt')],
        indices: [new TableIndex({ name: 'IDX_participant_code', columnNames: ['code'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'session',
        columns: [
          uuid('id', { isPrimary: true }),
          uuid('participantId'),
          text('strategy', 64),
          time('startedAt'),
          time('endedAt', true),
        ],
        foreignKeys: [fk('FK_session_participant', 'participantId', 'participant')],
        indices: [new TableIndex({ name: 'IDX_session_participant', columnNames: ['participantId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'affect_sample',
        columns: [
          increment(),
          uuid('sessionId'),
          text('modality', 8),
          time('at'),
          text('label', 16),
          real('confidence'),
          real('valence'),
          real('arousal'),
          longText('distribution'),
          text('modelId', 64),
        ],
        foreignKeys: [fk('FK_affect_sample_session', 'sessionId', 'session')],
        indices: [new TableIndex({ name: 'IDX_affect_sample_session_at', columnNames: ['sessionId', 'at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'track',
        columns: [
          { ...text('id', 32), isPrimary: true },
          text('title', 255),
          text('artist', 255),
          text('album', 255, true),
          text('emotion', 16),
          text('path', 1024),
          text('mimeType', 64),
          int('sizeBytes'),
          text('licence', 128, true),
          longText('attribution', true),
          time('updatedAt'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'recommendation',
        columns: [
          uuid('id', { isPrimary: true }),
          uuid('sessionId'),
          text('trackId', 32),
          text('strategy', 64),
          text('trigger', 16),
          longText('explanation'),
          text('moodLabel', 16),
          real('moodConfidence'),
          real('moodValence'),
          real('moodArousal'),
          time('shownAt'),
        ],
        foreignKeys: [
          fk('FK_recommendation_session', 'sessionId', 'session'),
          fk('FK_recommendation_track', 'trackId', 'track', 'RESTRICT'),
        ],
        indices: [new TableIndex({ name: 'IDX_recommendation_session_shown', columnNames: ['sessionId', 'shownAt'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'feedback',
        columns: [
          uuid('id', { isPrimary: true }),
          uuid('clientEventId'),
          uuid('sessionId'),
          uuid('recommendationId'),
          text('kind', 16),
          time('createdAt'),
        ],
        foreignKeys: [
          fk('FK_feedback_session', 'sessionId', 'session'),
          fk('FK_feedback_recommendation', 'recommendationId', 'recommendation'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_feedback_client_event', columnNames: ['clientEventId'], isUnique: true }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['feedback', 'recommendation', 'track', 'affect_sample', 'session', 'participant']) {
      await q.dropTable(table);
    }
  }
}
