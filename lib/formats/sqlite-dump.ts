/**
 * The JSON dump of an app's SQLite database that the backup page and the CLI send to the importers instead of the
 * database itself (sqlite.ts makes it; sqlite-apps.ts reads it). No dependencies: the backup page imports this.
 */
export const SQLITE_DUMP_TABLES = ['accounts', 'authenticator'] as const;

export type SqliteRow = Record<string, string | number | null>;

export interface SqliteDump {
  keyringSqliteDump: 1;
  tableNames: string[];
  tables: Partial<Record<(typeof SQLITE_DUMP_TABLES)[number], { columns: string[]; rows: SqliteRow[] }>>;
}

const MAGIC = new TextEncoder().encode('SQLite format 3\0');

export function isSqliteFile(bytes: Uint8Array): boolean {
  return bytes.length >= 100 && MAGIC.every((b, i) => bytes[i] === b);
}
