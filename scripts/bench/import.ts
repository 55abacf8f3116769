import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { atMost, type BenchContext, type BenchRow } from './kit';

const OUTPUT = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/** Every file a script loads before it runs: its static imports, followed; `import()` (loaded on demand) is not. */
function staticGraph(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/\bfrom\s*["'`](\.{1,2}\/[^"'`]+)["'`]|\bimport\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g)) {
      visit(resolve(dirname(file), match[1] ?? match[2] ?? ''));
    }
  };
  visit(entry);
  return [...seen];
}

function pageEntry(html: string): string {
  const src = /<script[^>]+src="\/([^"]+)"/.exec(readFileSync(resolve(OUTPUT, html), 'utf8'))?.[1];
  if (!src) throw new Error(`${html} loads no script`);
  return resolve(OUTPUT, src);
}

/** sql.js's compiled glue names SQLite's C API; no other code of ours does. */
const hasSqlJs = (file: string) => readFileSync(file, 'utf8').includes('sqlite3_prepare_v2');
const kilobytes = (files: string[]) => files.reduce((sum, file) => sum + readFileSync(file).length, 0) / 1024;

/**
 * Issue #15: the WebAssembly SQLite (sql.js) is loaded only by the backup page, on demand. Rows: how many files
 * the popup, content script and background load hold sql.js (must be none), and what the popup and the content
 * script load, in KB, against their budgets.
 */
export async function benchImport(context: BenchContext): Promise<BenchRow[]> {
  void context;
  const popup = staticGraph(pageEntry('popup.html'));
  const content = staticGraph(resolve(OUTPUT, 'content-scripts/content.js'));
  const background = staticGraph(resolve(OUTPUT, 'background.js'));
  const backup = staticGraph(pageEntry('backup.html'));
  if (backup.some(hasSqlJs)) throw new Error('the backup page loads sql.js up front: it should import it on demand');
  const withSqlJs = [...popup, ...content, ...background].filter(hasSqlJs).length;
  return [
    atMost('import: files with sql.js loaded by popup, content script, background', [withSqlJs], 0, 'files'),
    atMost('import: JS the popup loads', [Math.round(kilobytes(popup))], 150, 'KB'),
    atMost('import: JS the content script loads', [Math.round(kilobytes(content))], 40, 'KB'),
  ];
}
