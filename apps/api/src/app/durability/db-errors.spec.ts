import { QueryFailedError } from 'typeorm';
import { isConnectionError } from './db-errors';

const failed = (driverError: object) => new QueryFailedError('INSERT INTO feedback …', [], driverError as Error);

describe('isConnectionError', () => {
  it('recognises an unreachable or vanished MySQL/MariaDB server', () => {
    expect(isConnectionError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError(failed({ code: 'PROTOCOL_CONNECTION_LOST', fatal: true }))).toBe(true);
    expect(isConnectionError(failed({ code: 'ER_SERVER_SHUTDOWN', errno: 1053 }))).toBe(true);
    expect(
      isConnectionError(
        failed({ message: 'Can\u2019t add new command when connection is in closed state', fatal: true }),
      ),
    ).toBe(true);
    expect(isConnectionError(new Error('Pool is closed.'))).toBe(true);
  });

  it('recognises a busy or unwritable SQLite file', () => {
    expect(isConnectionError(failed({ code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isConnectionError(failed({ code: 'SQLITE_IOERR_WRITE' }))).toBe(true);
  });

  it('does not mistake a refused row for an outage', () => {
    expect(isConnectionError(failed({ code: 'ER_DUP_ENTRY', errno: 1062 }))).toBe(false);
    expect(isConnectionError(failed({ code: 'ER_NO_REFERENCED_ROW_2', errno: 1452 }))).toBe(false);
    expect(isConnectionError(failed({ code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
    expect(isConnectionError(new TypeError('x is undefined'))).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });
});
