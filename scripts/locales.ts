// Translation upkeep. `npx tsx scripts/locales.ts missing` lists, per locale, the keys English has
// and the locale lacks (counted messages: the plural forms its language needs), keys English does
// not have, and messages whose placeholders differ from English. Exit status 1 when anything is listed.
import { readdirSync, readFileSync } from 'node:fs';
import { compareCatalogue, localeTag, type Catalogue } from '../lib/locales/catalogue';

const root = new URL('../public/_locales/', import.meta.url);
const read = (dir: string): Catalogue => JSON.parse(readFileSync(new URL(`${dir}/messages.json`, root), 'utf8')) as Catalogue;

function missing(only: string[]): number {
  const en = read('en');
  const dirs = readdirSync(root).filter((dir) => dir !== 'en' && (only.length === 0 || only.includes(dir))).sort();
  let problems = 0;
  for (const dir of dirs) {
    const report = compareCatalogue(en, read(dir), localeTag(dir));
    const count = report.missing.length + report.extra.length + report.mismatched.length;
    problems += count;
    console.log(`${dir}: ${count === 0 ? 'complete' : `${report.missing.length} missing, ${report.extra.length} extra, ${report.mismatched.length} placeholder problems`}`);
    for (const key of report.missing) console.log(`  missing  ${key}  (English: ${JSON.stringify(en[key]?.message ?? en[key.replace(/_[a-z]+$/, '_other')]?.message)})`);
    for (const key of report.extra) console.log(`  extra    ${key}`);
    for (const { key, problem } of report.mismatched) console.log(`  mismatch ${key}: ${problem}`);
  }
  return problems === 0 ? 0 : 1;
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'missing') {
  process.exitCode = missing(rest);
} else {
  console.error('Usage: npx tsx scripts/locales.ts missing [locale…]');
  process.exitCode = 2;
}
