import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { FILL_REFUSALS, REASON_PARAMS } from '@/lib/autofill/reasons';
import { AppError, deserializeError, ERROR_CODES, paramNamesOf, serializeError } from '@/lib/errors';
import { errorMessage, errorText, reasonText, scanReportText } from '@/lib/i18n';
import { COUNTED_SCAN_STATUSES, SCAN_STATUSES } from '@/lib/qr/scan-status';
import { EN_MESSAGES, type LocaleMessage } from './support/i18n';

vi.mock('wxt/browser', async () => (await import('./support/i18n')).fakeI18nBrowser);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The placeholder names of a message in `$1…$n` order, and every `$NAME$` its text uses. */
function placeholdersOf(entry: LocaleMessage): { ordered: string[]; used: string[] } {
  const byIndex = Object.entries(entry.placeholders ?? {}).map(([name, p]) => [Number(/^\$(\d)$/.exec(p.content)?.[1]), name] as const);
  const ordered = byIndex.sort((a, b) => a[0] - b[0]).map(([index, name], i) => (index === i + 1 ? name : `${name} (content ${index}, expected $${i + 1})`));
  const used = [...new Set([...entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => (m[1] ?? '').toLowerCase()))];
  return { ordered, used };
}

/** Every coded family: its codes at run time, the message key of a code and the params the code is given. */
const FAMILIES = [
  { name: 'error', codes: ERROR_CODES, key: (c: string) => `error_${c}`, params: (c: string) => paramNamesOf(c as (typeof ERROR_CODES)[number]) },
  { name: 'reason', codes: FILL_REFUSALS, key: (c: string) => `reason_${c}`, params: (c: string) => (REASON_PARAMS as Record<string, readonly string[]>)[c] ?? [] },
  {
    name: 'scan status',
    codes: SCAN_STATUSES,
    key: (c: string) => `scan_status_${c}`,
    params: (c: string) => (COUNTED_SCAN_STATUSES.has(c as (typeof SCAN_STATUSES)[number]) ? ['count'] : []),
  },
] as const;

describe('every code a person reads has exactly one English message, with the placeholders its params fill', () => {
  for (const family of FAMILIES) {
    it(`${family.name} codes`, () => {
      expect(new Set(family.codes).size, 'no code twice').toBe(family.codes.length);
      const problems: string[] = [];
      for (const code of family.codes) {
        const entry = EN_MESSAGES[family.key(code)];
        if (!entry?.message) {
          problems.push(`${code}: no message ${family.key(code)}`);
          continue;
        }
        const { ordered, used } = placeholdersOf(entry);
        const expected = [...family.params(code)];
        if (JSON.stringify(ordered) !== JSON.stringify(expected)) problems.push(`${code}: placeholders [${ordered.join(', ')}], params [${expected.join(', ')}]`);
        if (JSON.stringify([...used].sort()) !== JSON.stringify([...expected].sort())) problems.push(`${code}: the text uses [${used.join(', ')}], params [${expected.join(', ')}]`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('no message is keyed like a code that does not exist (a renamed code leaves no orphan)', () => {
    const known = new Set(FAMILIES.flatMap((f) => f.codes.map((c: string) => f.key(c))));
    const orphans = Object.keys(EN_MESSAGES).filter((k) => /^(error|reason|scan_status)_/.test(k) && !known.has(k) && k !== 'error_bad_secret');
    expect(orphans).toEqual([]);
  });
});

describe('what crosses the messaging boundary', () => {
  it('is the code and its params, never the English detail', () => {
    const error = new AppError('duplicate', 'GitHub (alice) is already in your vault.', { name: 'GitHub (alice)' });
    const sent = serializeError(error);
    expect(sent).toEqual({ code: 'duplicate', params: { name: 'GitHub (alice)' } });
    expect(JSON.stringify(sent)).not.toContain('already');
    expect(serializeError(new AppError('vault_locked', 'The vault is locked.'))).toEqual({ code: 'vault_locked' });
    expect(serializeError(new TypeError('x is undefined'))).toEqual({ code: 'internal' });
  });

  it('is rebuilt as an AppError the UI formats in the person’s language', () => {
    const received = deserializeError({ code: 'rate_limited', params: { seconds: 12 } });
    expect(received).toBeInstanceOf(AppError);
    expect(errorText(received)).toBe('Too many wrong passphrases. Try again in 12 s.');
    expect(errorMessage({ code: 'weak_backup_password', params: { min: 8 } })).toBe('The backup password must have at least 8 characters.');
    expect(errorMessage({ code: 'sync_browser_full', params: { accounts: 3000, kilobytes: 1234 } })).toMatch(/^3,000 accounts need 1,234 KB/);
  });

  it('an unknown code from another version reads as the generic message', () => {
    expect(errorText(deserializeError({ code: 'no_such_code' as 'internal' }))).toBe('Something went wrong.');
  });

  it('a refusal reason inside an error is put in words too', () => {
    expect(errorMessage({ code: 'enrol_refused', params: { reason: 'enrol_needs_https' } })).toBe(
      'Not added: accounts are added only from secure (HTTPS) pages. If you trust this page, add the account by hand from the toolbar button.',
    );
    expect(reasonText('sent_code_unbound', { site: 'github.com' })).toBe('the page asks for a code sent by e-mail or SMS, and no account is bound to github.com');
    expect(scanReportText({ found: 2, status: 'offer_shown' })).toBe('Found 2 account(s): the offer is on the page.');
  });
});

/** Source files of the extension (not tests, not generated output). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('every message key the code names exists', () => {
  it('t(…), plural(…) and getMessage(…) with a literal key', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of ['components', 'entrypoints', 'lib'].flatMap((d) => sources(join(ROOT, d)))) {
      const text = readFileSync(file, 'utf8');
      const keys = [
        ...text.matchAll(/\b(?:t|getMessage)\(\s*'([a-z0-9_]+)'/g),
        ...text.matchAll(/\bplural\([^,]+,\s*'([a-z0-9_]+)',\s*'([a-z0-9_]+)'/g),
      ].flatMap((m) => m.slice(1).filter((k): k is string => k !== undefined));
      for (const key of keys) {
        seen++;
        if (!EN_MESSAGES[key]) missing.push(`${relative(ROOT, file)}: ${key}`);
      }
    }
    expect(seen, 'the scan finds the keys').toBeGreaterThan(200);
    expect(missing).toEqual([]);
  });
});
