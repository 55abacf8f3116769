import type { SqlJsStatic } from 'sql.js';
import { AppError } from '@/lib/errors';
import { isSqliteFile, SQLITE_DUMP_TABLES, type SqliteDump, type SqliteRow } from './sqlite-dump';

/**
 * Turns an app's SQLite database into the small JSON dump the importers read (sqlite-apps.ts), so the WebAssembly
 * SQLite (sql.js) runs only where this module is loaded: the backup page and the CLI, never the background,
 * popup or content script. Only the tables of the apps we read are dumped; blobs (icons) are left out.
 */
const MAX_ROWS = 10_000;

/** sql.js as this place loads it (the page points it at the packaged .wasm; Node finds it itself). */
export type SqlLoader = () => Promise<SqlJsStatic>;

export async function sqliteDump(bytes: Uint8Array, loadSql: SqlLoader): Promise<Uint8Array<ArrayBuffer>> {
  if (!isSqliteFile(bytes)) throw new AppError('unknown_format', 'This is not a SQLite database.');
  const SQL = await loadSql();
  let db;
  try {
    db = new SQL.Database(bytes);
  } catch {
    throw new AppError('damaged_backup', 'This SQLite database cannot be opened: it is damaged.');
  }
  try {
    const dump: SqliteDump = { keyringSqliteDump: 1, tableNames: [], tables: {} };
    const names = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]?.values ?? [];
    dump.tableNames = names.map((row) => String(row[0])).slice(0, 200);
    for (const table of SQLITE_DUMP_TABLES) {
      if (!dump.tableNames.includes(table)) continue;
      const statement = db.prepare(`SELECT * FROM "${table}"`);
      const rows: SqliteRow[] = [];
      try {
        const columns = statement.getColumnNames();
        while (statement.step()) {
          if (rows.length === MAX_ROWS) throw new AppError('unsupported_format', `The table “${table}” holds more than ${MAX_ROWS} rows: this is not an authenticator's database.`);
          const values = statement.get();
          const row: SqliteRow = {};
          columns.forEach((column, i) => {
            const value = values[i];
            row[column] = typeof value === 'string' || typeof value === 'number' ? value : null;
          });
          rows.push(row);
        }
        dump.tables[table] = { columns, rows };
      } finally {
        statement.free();
      }
    }
    return new TextEncoder().encode(JSON.stringify(dump));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('damaged_backup', 'This SQLite database cannot be read: it is damaged.');
  } finally {
    db.close();
  }
}
