import { TableColumnOptions, TableForeignKey } from 'typeorm';

// Column builders for migrations written with the portable Table API (not generated SQL),
// so one migration runs on SQLite and on MySQL/MariaDB alike.
export const uuid = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  ...extra,
});
export const text = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
export const longText = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});
export const time = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});
export const real = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'double',
  isNullable: nullable,
});
export const int = (name: string): TableColumnOptions => ({ name, type: 'integer' });
export const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean' });
export const increment = (name = 'id'): TableColumnOptions => ({
  name,
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
export const fk = (
  name: string,
  column: string,
  table: string,
  onDelete: 'CASCADE' | 'RESTRICT' = 'CASCADE',
): TableForeignKey =>
  new TableForeignKey({
    name,
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
    onUpdate: 'NO ACTION',
  });
