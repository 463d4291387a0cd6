import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { bool, fk, increment, int, longText, real, text, time, uuid } from './table-columns';

/** Studies, researchers, consent, experiments, self-reports, audit and withdrawal (issue 6). */
export class Studies1763800000000 implements MigrationInterface {
  name = 'Studies1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'researcher',
        columns: [
          uuid('id', { isPrimary: true }),
          text('email', 255),
          text('passwordHash', 100),
          text('role', 16),
          time('createdAt'),
        ],
        indices: [new TableIndex({ name: 'IDX_researcher_email', columnNames: ['email'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'auth_token',
        columns: [
          uuid('id', { isPrimary: true }),
          text('tokenHash', 64),
          uuid('researcherId'),
          time('expiresAt'),
          time('createdAt'),
        ],
        foreignKeys: [fk('FK_auth_token_researcher', 'researcherId', 'researcher')],
        indices: [new TableIndex({ name: 'IDX_auth_token_hash', columnNames: ['tokenHash'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'study',
        columns: [
          uuid('id', { isPrimary: true }),
          uuid('ownerId'),
          text('title', 255),
          longText('description'),
          text('status', 16),
          time('createdAt'),
        ],
        foreignKeys: [fk('FK_study_owner', 'ownerId', 'researcher', 'RESTRICT')],
        indices: [new TableIndex({ name: 'IDX_study_owner', columnNames: ['ownerId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'consent_form_version',
        columns: [
          uuid('id', { isPrimary: true }),
          uuid('studyId'),
          int('version'),
          longText('text'),
          longText('modalities'),
          bool('offersRawMediaStorage'),
          int('retentionDays'),
          time('createdAt'),
        ],
        foreignKeys: [fk('FK_consent_form_study', 'studyId', 'study')],
        indices: [
          new TableIndex({
            name: 'IDX_consent_form_study_version',
            columnNames: ['studyId', 'version'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.addColumn('participant', new TableColumn(uuid('studyId', { isNullable: true })));
    await q.createForeignKey('participant', fk('FK_participant_study', 'studyId', 'study'));
    await q.createIndex('participant', new TableIndex({ name: 'IDX_participant_study', columnNames: ['studyId'] }));
    await q.createTable(
      new Table({
        name: 'consent_record',
        columns: [
          increment(),
          uuid('participantId'),
          uuid('formVersionId'),
          int('formVersion'),
          longText('choices'),
          time('createdAt'),
        ],
        foreignKeys: [fk('FK_consent_record_participant', 'participantId', 'participant')],
        indices: [new TableIndex({ name: 'IDX_consent_record_participant', columnNames: ['participantId', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'experiment',
        columns: [
          uuid('id', { isPrimary: true }),
          uuid('studyId'),
          text('name', 255),
          text('salt', 64),
          text('status', 16),
          time('createdAt'),
        ],
        foreignKeys: [fk('FK_experiment_study', 'studyId', 'study')],
        indices: [new TableIndex({ name: 'IDX_experiment_study', columnNames: ['studyId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'experiment_arm',
        columns: [
          uuid('id', { isPrimary: true }),
          uuid('experimentId'),
          text('key', 64),
          text('strategy', 64),
          longText('params'),
          real('weight'),
        ],
        foreignKeys: [fk('FK_experiment_arm_experiment', 'experimentId', 'experiment')],
        indices: [
          new TableIndex({ name: 'IDX_experiment_arm_key', columnNames: ['experimentId', 'key'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'assignment',
        columns: [increment(), uuid('experimentId'), uuid('participantId'), uuid('armId'), time('assignedAt')],
        foreignKeys: [
          fk('FK_assignment_participant', 'participantId', 'participant'),
          fk('FK_assignment_arm', 'armId', 'experiment_arm'),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_assignment_experiment_participant',
            columnNames: ['experimentId', 'participantId'],
            isUnique: true,
          }),
        ],
      }),
    );
    await q.addColumn('session', new TableColumn(uuid('armId', { isNullable: true })));
    await q.addColumn('recommendation', new TableColumn(uuid('armId', { isNullable: true })));
    await q.addColumn('recommendation', new TableColumn(time('playedAt', true)));
    await q.addColumn('feedback', new TableColumn(real('value', true)));
    await q.addColumn('feedback', new TableColumn(real('listenedSec', true)));
    await q.createTable(
      new Table({
        name: 'self_report',
        columns: [
          uuid('id', { isPrimary: true }),
          uuid('clientEventId'),
          uuid('sessionId'),
          text('phase', 8),
          int('valence'),
          int('arousal'),
          int('dominance'),
          time('createdAt'),
        ],
        foreignKeys: [fk('FK_self_report_session', 'sessionId', 'session')],
        indices: [
          new TableIndex({ name: 'IDX_self_report_client_event', columnNames: ['clientEventId'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_entry',
        columns: [
          increment(),
          text('actorType', 16),
          text('actorId', 64),
          text('action', 64),
          text('targetType', 32),
          text('targetId', 64),
          longText('details'),
          time('at'),
        ],
        indices: [new TableIndex({ name: 'IDX_audit_entry_target', columnNames: ['targetType', 'targetId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'withdrawal',
        columns: [
          uuid('id', { isPrimary: true }),
          uuid('studyId'),
          uuid('participantId'),
          text('participantCode', 64),
          time('withdrawnAt'),
        ],
        indices: [new TableIndex({ name: 'IDX_withdrawal_study', columnNames: ['studyId'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'withdrawal',
      'audit_entry',
      'self_report',
      'assignment',
      'experiment_arm',
      'experiment',
      'consent_record',
    ]) {
      await q.dropTable(table);
    }
    await q.dropColumn('feedback', 'listenedSec');
    await q.dropColumn('feedback', 'value');
    await q.dropColumn('recommendation', 'playedAt');
    await q.dropColumn('recommendation', 'armId');
    await q.dropColumn('session', 'armId');
    await q.dropForeignKey('participant', 'FK_participant_study');
    await q.dropIndex('participant', 'IDX_participant_study');
    await q.dropColumn('participant', 'studyId');
    for (const table of ['consent_form_version', 'study', 'auth_token', 'researcher']) await q.dropTable(table);
  }
}
