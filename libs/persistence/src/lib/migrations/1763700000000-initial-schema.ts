import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

// Written with the portable Table API (not generated SQL) so the one migration runs on
// SQLite and on MySQL/MariaDB alike.
const uuid = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  ...extra,
});
const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const time = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});
const real = (name: string): TableColumnOptions => ({ name, type: 'double' });
const fk = (name: string, column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'CASCADE') =>
  new TableForeignKey({
    name,
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
    onUpdate: 'NO ACTION',
  });

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
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          uuid('sessionId'),
          text('modality', 8),
          time('at'),
          text('label', 16),
          real('confidence'),
          real('valence'),
          real('arousal'),
          { name: 'distribution', type: 'text' },
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
          { name: 'sizeBytes', type: 'integer' },
          text('licence', 128, true),
          { name: 'attribution', type: 'text', isNullable: true },
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
          { name: 'explanation', type: 'text' },
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
