import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bytesToBase32 } from '../../lib/otp/base32';
import { keepassFile, type KeePassEntry } from '../../tests/unit/formats/keepass-files';
import { atMost, BENCH_PASSPHRASE, median, type BenchContext, type BenchRow } from './kit';

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
  const popup = staticGraph(pageEntry('popup.html'));
  const content = staticGraph(resolve(OUTPUT, 'content-scripts/content.js'));
  const background = staticGraph(resolve(OUTPUT, 'background.js'));
  const backup = staticGraph(pageEntry('backup.html'));
  if (backup.some(hasSqlJs)) throw new Error('the backup page loads sql.js up front: it should import it on demand');
  const withSqlJs = [...popup, ...content, ...background].filter(hasSqlJs).length;
  return [
    ...(await benchKeePass(context)),
    atMost('import: files with sql.js loaded by popup, content script, background', [withSqlJs], 0, 'files'),
    atMost('import: JS the popup loads', [Math.round(kilobytes(popup))], 150, 'KB'),
    atMost('import: JS the content script loads', [Math.round(kilobytes(content))], 40, 'KB'),
  ];
}

/** Argon2id at KeePassXC's default memory (64 MiB) and lanes (2); 2 iterations, so the KDF's own noise stays small. */
const KEEPASSXC_ARGON2 = { memoryKiB: 64 * 1024, iterations: 2, parallelism: 2 };

function keepassEntries(count: number, round: number): KeePassEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const secret = new Uint8Array(20);
    new DataView(secret.buffer).setUint32(0, i);
    new DataView(secret.buffer).setUint32(4, round);
    return { title: `Service ${i}`, user: `user${i}@example.com`, fields: { otp: `otpauth://totp/Service%20${i}:user${i}?secret=${bytesToBase32(secret)}&issuer=Service%20${i}` } };
  });
}

/**
 * Issue #15: import (read + preview + one-transaction add) of a 1,000-account KeePass 4 database in the extension,
 * less the time its own Argon2id takes (measured on the same KDF with one account): ≤ 2 s.
 */
async function benchKeePass(context: BenchContext): Promise<BenchRow[]> {
  const { send, extensionPage } = context;
  await send('vault/create', { passphrase: BENCH_PASSPHRASE });
  const now = () => extensionPage.evaluate(() => performance.now());
  const password = 'bench keepass password';
  const kdfOnly = Buffer.from(await keepassFile(password, keepassEntries(1, 0), { version: 4, argon2: KEEPASSXC_ARGON2 })).toString('base64');
  const kdfMs: number[] = [];
  const totalMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    const { accounts } = await send<{ accounts: { id: string }[] }>('accounts/list', null);
    if (accounts.length) await send('accounts/delete', { ids: accounts.map((a) => a.id) });
    const data = Buffer.from(await keepassFile(password, keepassEntries(1000, round + 1), { version: 4, argon2: KEEPASSXC_ARGON2 })).toString('base64');
    let started = await now();
    await send('backup/preview', { data: kdfOnly, fileName: 'one.kdbx', password });
    kdfMs.push((await now()) - started);
    started = await now();
    const preview = await send<{ token: string }>('backup/preview', { data, fileName: 'Passwords.kdbx', password });
    const { added } = await send<{ added: number }>('backup/import', { token: preview.token, includeDuplicates: false });
    totalMs.push((await now()) - started);
    if (added !== 1000) throw new Error(`imported ${added} accounts, expected 1000`);
  }
  const kdf = median(kdfMs);
  return [
    { name: 'import: KeePass 4, its own Argon2id (64 MiB, 2 iterations), for reference', median: Math.round(kdf), unit: 'ms', target: 'reported', pass: true },
    atMost('import: KeePass 4 (1,000 accounts) beyond its own KDF', totalMs.map((t) => t - kdf), 2000, 'ms'),
  ];
}
