import { describe, expect, it, vi } from 'vitest';
import type { SkippedEntry } from '@/lib/formats/types';
import { IMPORT_FORMAT_IDS } from '@/lib/formats/types';
import { FORMAT_NAME_PARAM, formatMessageKey, formatName, entryText } from '@/lib/formats/wording';
import { EN_MESSAGES, getMessage } from '../support/i18n';

vi.mock('wxt/browser', async () => (await import('../support/i18n')).fakeI18nBrowser);
const { importFormatText, skippedEntryText, scanReportText } = await import('@/lib/i18n');

const english = (key: string, substitutions?: string[]) => getMessage(key, substitutions);

describe('the import preview names the format from _locales', () => {
  it('every format id has exactly one English message, with `$1` where its version or image kind shows', () => {
    const problems: string[] = [];
    for (const id of IMPORT_FORMAT_IDS) {
      const message = EN_MESSAGES[formatMessageKey(id)]?.message;
      if (!message) problems.push(`${id}: no message ${formatMessageKey(id)}`);
      else if (message.includes('$1') !== (FORMAT_NAME_PARAM[id] !== undefined)) problems.push(`${id}: “${message}” and its param ${FORMAT_NAME_PARAM[id] ?? 'none'} disagree`);
    }
    expect(new Set(IMPORT_FORMAT_IDS.map(formatMessageKey)).size).toBe(IMPORT_FORMAT_IDS.length);
    expect(problems).toEqual([]);
  });

  it('no import_format_ message is left without its format (the wrappers aside)', () => {
    const known = new Set([...IMPORT_FORMAT_IDS.map(formatMessageKey), ...['version', 'older', 'zip', 'encrypted', 'plain', 'batch'].map((w) => `import_format_${w}`)]);
    expect(Object.keys(EN_MESSAGES).filter((k) => k.startsWith('import_format_') && !known.has(k))).toEqual([]);
  });

  it('versions, encryption, ZIP and Google batches are worded by their own messages', () => {
    expect(formatName({ id: 'aegis', encrypted: true, version: '2' }, english)).toBe('Aegis vault (content version 2), encrypted');
    expect(formatName({ id: 'andotp', encrypted: false }, english)).toBe('andOTP backup, not encrypted');
    expect(formatName({ id: 'keepass', version: '3.1' }, english)).toBe('KeePass database (KDBX 3.1)');
    expect(formatName({ id: '1password', version: '3' }, english)).toBe('1Password export (1PUX), version 3');
    expect(formatName({ id: 'winauth', zip: true, encrypted: true }, english)).toBe('WinAuth export, from a ZIP archive, encrypted');
    expect(formatName({ id: 'stratum', encrypted: true, older: true }, english)).toBe('Stratum backup, older format, encrypted');
    expect(formatName({ id: 'image-google-export', image: 'PNG', batch: { index: 2, size: 3 } }, english)).toBe(
      'QR code in a PNG image (Google Authenticator export), QR code 2 of 3: import the other 2 too',
    );
    expect(importFormatText({ id: '2fas', version: '4', encrypted: false })).toBe('2FAS backup (schema 4), not encrypted');
  });
});

describe('a skipped entry is worded from its place and its code', () => {
  const cases: [SkippedEntry, string][] = [
    [{ position: 3, issuer: 'GitHub', name: 'alice', error: { code: 'secret_empty' } }, 'Entry 3 (“GitHub: alice”): The secret is empty.'],
    [{ line: 4, error: { code: 'bad_digits', params: { digits: '12' } } }, 'Line 4: Digits must be a whole number from 5 to 10, not 12.'],
    [{ line: 2, position: 1, issuer: 'Huge', error: { code: 'secret_too_long' } }, 'Line 2, entry 1 (“Huge”): The secret is too long: at most 1,024 base32 characters.'],
    [{ row: 3, vault: 'Work', issuer: 'Bad', error: { code: 'entry_in_trash', params: { app: 'Proton Pass' } } }, 'Row 3 (“Work / Bad”): It is in Proton Pass’s trash: restore it there and export again to import it.'],
    [{ issuer: 'Long', name: 'x', error: { code: 'issuer_too_long' } }, '“Long: x”: The issuer is too long: at most 256 characters.'],
    [{ error: { code: 'bad_otpauth_uri' } }, 'This is not a valid otpauth:// link.'],
  ];
  it.each(cases)('%j', (entry, text) => {
    expect(skippedEntryText(entry)).toBe(text);
  });

  it('the same wording serves the CLI (any Translate) and a page’s scan problems', () => {
    expect(entryText({ position: 1, error: { code: 'secret_not_hex' } }, english, 'why')).toBe('Entry 1: why');
    expect(scanReportText({ found: 0, status: 'problems', problems: [{ error: { code: 'bad_digits', params: { digits: '4' } } }, { error: { code: 'uri_no_secret' } }] })).toBe(
      'Digits must be a whole number from 5 to 10, not 4. The link has no secret.',
    );
  });
});
