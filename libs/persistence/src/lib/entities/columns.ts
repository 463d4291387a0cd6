/** Column shapes shared by every entity so SQLite and MySQL agree on types. */
export const uuidColumn = { type: 'varchar', length: 36 } as const;
export const timestampColumn = { type: 'datetime', precision: 3 } as const;
export const realColumn = { type: 'double' } as const;
