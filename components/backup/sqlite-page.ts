import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';

/** An app's SQLite database to the dump the importers read; sql.js is loaded here only, on the backup page. */
export async function sqliteDumpOnPage(bytes: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  const [{ sqliteDump }, { default: initSqlJs }] = await Promise.all([import('@/lib/formats/sqlite'), import('sql.js')]);
  return sqliteDump(bytes, () => initSqlJs({ locateFile: () => wasmUrl }));
}
