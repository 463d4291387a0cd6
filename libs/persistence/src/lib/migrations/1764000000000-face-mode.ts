import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Where a study lets the face model run: 'server' (frames sent, the default) or 'edge' (in the browser). */
export class FaceMode1764000000000 implements MigrationInterface {
  name = 'FaceMode1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'study',
      new TableColumn({ name: 'faceMode', type: 'varchar', length: '8', isNullable: false, default: "'server'" }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('study', 'faceMode');
  }
}
