// `npm run bench`: measures each feature's speed target in Chromium with the built extension, prints
// a table (name, median, unit, target, pass) and writes the same rows to bench-results.json.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withBenchBrowser, type BenchContext, type BenchRow } from './bench/kit';
import { benchAutofill } from './bench/autofill';
import { benchBackup } from './bench/backup';
import { benchEnrol } from './bench/enrol';
import { benchImport } from './bench/import';
import { benchPopup } from './bench/popup';
import { benchVault } from './bench/vault';
import { benchSync } from './bench/sync';

const root = resolve(import.meta.dirname, '..');
const SITE = resolve(root, 'tests/e2e/site');

/** Each suite gets a fresh browser and vault. Features add theirs here. */
const SUITES: { name: string; run: (context: BenchContext) => Promise<BenchRow[]> }[] = [
  { name: 'vault', run: benchVault },
  { name: 'backup', run: benchBackup },
  { name: 'autofill', run: benchAutofill },
  { name: 'enrol', run: benchEnrol },
  { name: 'popup', run: benchPopup },
  { name: 'sync', run: benchSync },
  { name: 'import', run: benchImport },
];

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) execSync('npx wxt build', { cwd: root, stdio: 'ignore' });
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const rows: BenchRow[] = [];
  for (const suite of SUITES) {
    if (only.length && !only.includes(suite.name)) continue;
    try {
      rows.push(...(await withBenchBrowser(SITE, suite.run)));
    } catch (error) {
      console.error(`bench suite ${suite.name} failed: ${error instanceof Error ? error.stack : String(error)}`);
      process.exitCode = 1;
    }
  }
  const table = rows.map((r) => ({ name: r.name, median: r.median, unit: r.unit, target: r.target, pass: r.pass ? 'yes' : 'NO' }));
  console.table(table);
  // A partial run (`npm run bench -- backup`) updates its rows and keeps the others.
  const file = resolve(root, 'bench-results.json');
  const previous: BenchRow[] = only.length && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchRow[]) : [];
  const merged = [...previous.filter((p) => !rows.some((r) => r.name === p.name)), ...rows];
  writeFileSync(file, JSON.stringify(merged, null, 2) + '\n');
}

await main();
