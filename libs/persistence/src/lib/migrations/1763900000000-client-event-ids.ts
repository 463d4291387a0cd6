import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { text, uuid } from './table-columns';

/**
 * Issue 9, nothing lost: consent records carry the client's event id (stored once, so a
 * re-sent consent is answered with the first record), and a session keeps the hash of its
 * resume token so a participant can re-attach after a reconnect or a server restart.
 * Rows from before have neither (NULL; a unique index allows many NULLs).
 */
export class ClientEventIds1763900000000 implements MigrationInterface {
  name = 'ClientEventIds1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('consent_record', new TableColumn(uuid('clientEventId', { isNullable: true })));
    await q.createIndex(
      'consent_record',
      new TableIndex({ name: 'IDX_consent_record_client_event', columnNames: ['clientEventId'], isUnique: true }),
    );
    await q.addColumn('session', new TableColumn(text('resumeTokenHash', 64, true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('session', 'resumeTokenHash');
    await q.dropIndex('consent_record', 'IDX_consent_record_client_event');
    await q.dropColumn('consent_record', 'clientEventId');
  }
}
