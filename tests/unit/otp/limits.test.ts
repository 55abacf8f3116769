/**
 * Issue #10, finding 9 (second half): size caps on every field of an account, checked in one place
 * (lib/otp/limits.ts) by the popup's add form, otpauth links (pages, popup, files), Google export links,
 * imports, and the vault before it writes. Each cap is tested at its boundary.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { importBackup } from '@/lib/formats';
import { draftFrom } from '@/lib/formats/common';
import { makeDraft } from '@/lib/otp/account';
import { draftFromInput } from '@/lib/otp/input';
import { ACCOUNT_LIMITS, checkAccountFields } from '@/lib/otp/limits';
import { decodeMigrationLink, encodeMigrationLink } from '@/lib/otp/migration';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { makeVault, TEST_COST } from '../vault/helpers';

/** A valid base32 secret of exactly `length` characters (a multiple of 8). */
const secretOf = (length: number) => 'JBSWY3DP'.repeat(length / 8);
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'ok';
};

describe('account size caps', () => {
  it('secret: 1,024 base32 characters after normalisation pass, 1,032 are refused with secret_too_long', () => {
    expect(codeOf(() => draftFromInput({ issuer: 'X', name: 'y', secret: secretOf(1024) }))).toBe('ok');
    // Spaces and lower case are removed first: what counts is the normalised secret.
    expect(codeOf(() => draftFromInput({ issuer: 'X', name: 'y', secret: secretOf(1024).toLowerCase().replace(/(.{4})/g, '$1 ') }))).toBe('ok');
    expect(codeOf(() => draftFromInput({ issuer: 'X', name: 'y', secret: secretOf(1032) }))).toBe('secret_too_long');
    expect(codeOf(() => draftFromInput({ issuer: 'X', name: 'y', secret: 'A'.repeat(1024 * 1024) }))).toBe('secret_too_long');
    expect(codeOf(() => parseOtpauthUri(`otpauth://totp/X:y?secret=${secretOf(1024)}`))).toBe('ok');
    expect(codeOf(() => parseOtpauthUri(`otpauth://totp/X:y?secret=${secretOf(1032)}`))).toBe('secret_too_long');
    expect(codeOf(() => parseOtpauthUri(`steam://${secretOf(1032)}`))).toBe('secret_too_long');
  });

  it('the message says what is too long and the cap', () => {
    const error = (() => {
      try {
        parseOtpauthUri(`otpauth://totp/X:y?secret=${'A'.repeat(1024 * 1024)}`);
      } catch (e) {
        return e as AppError;
      }
      throw new Error('accepted');
    })();
    expect(error.message).toBe('The secret is too long: 1,048,576 base32 characters, at most 1,024.');
  });

  it('issuer and name: 256 characters (emoji count as one) pass, 257 are refused', () => {
    const emoji = '🔐'.repeat(256);
    expect(codeOf(() => draftFromInput({ issuer: emoji, name: 'n'.repeat(256), secret: secretOf(16) }))).toBe('ok');
    expect(codeOf(() => draftFromInput({ issuer: `${emoji}x`, name: 'n', secret: secretOf(16) }))).toBe('issuer_too_long');
    expect(codeOf(() => draftFromInput({ issuer: 'i', name: 'n'.repeat(257), secret: secretOf(16) }))).toBe('name_too_long');
    expect(codeOf(() => parseOtpauthUri(`otpauth://totp/${'a'.repeat(257)}?secret=${secretOf(16)}`))).toBe('name_too_long');
    expect(codeOf(() => parseOtpauthUri(`otpauth://totp/a?issuer=${'b'.repeat(257)}&secret=${secretOf(16)}`))).toBe('issuer_too_long');
  });

  it('notes, sites and recovery codes at their caps pass; one more is refused with its own code', () => {
    const within = {
      notes: 'n'.repeat(ACCOUNT_LIMITS.notes),
      sites: Array.from({ length: ACCOUNT_LIMITS.sites }, (_, i) => `site${i}.example`),
      recoveryCodes: Array.from({ length: ACCOUNT_LIMITS.recoveryCodes }, () => ({ code: 'c'.repeat(ACCOUNT_LIMITS.recoveryCode), used: false })),
    };
    expect(codeOf(() => checkAccountFields(within))).toBe('ok');
    expect(codeOf(() => checkAccountFields({ notes: `${within.notes}!` }))).toBe('notes_too_long');
    expect(codeOf(() => checkAccountFields({ sites: [...within.sites, 'one-more.example'] }))).toBe('too_many_sites');
    expect(codeOf(() => checkAccountFields({ sites: [`${'a'.repeat(245)}.example`] }))).toBe('ok');
    expect(codeOf(() => checkAccountFields({ sites: [`${'a'.repeat(246)}.example`] }))).toBe('site_too_long');
    expect(codeOf(() => checkAccountFields({ recoveryCodes: [...within.recoveryCodes, { code: 'x', used: false }] }))).toBe('too_many_recovery_codes');
    expect(codeOf(() => checkAccountFields({ recoveryCodes: [{ code: 'c'.repeat(ACCOUNT_LIMITS.recoveryCode + 1), used: false }] }))).toBe('recovery_code_too_long');
  });

  it('every code has a message in _locales naming the cap', () => {
    const messages = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../public/_locales/en/messages.json'), 'utf8')) as Record<string, { message: string }>;
    const caps: Record<string, number> = {
      secret_too_long: ACCOUNT_LIMITS.secret,
      issuer_too_long: ACCOUNT_LIMITS.issuer,
      name_too_long: ACCOUNT_LIMITS.name,
      notes_too_long: ACCOUNT_LIMITS.notes,
      too_many_sites: ACCOUNT_LIMITS.sites,
      site_too_long: ACCOUNT_LIMITS.site,
      too_many_recovery_codes: ACCOUNT_LIMITS.recoveryCodes,
      recovery_code_too_long: ACCOUNT_LIMITS.recoveryCode,
    };
    for (const [code, cap] of Object.entries(caps)) expect(messages[`error_${code}`]?.message).toContain(cap.toLocaleString('en'));
  });
});

describe('every way in uses the caps', () => {
  it('an import skips an oversized entry with the reason and keeps the others', async () => {
    const text = [`otpauth://totp/Good:alice?secret=${secretOf(32)}&issuer=Good`, `otpauth://totp/Huge:bob?secret=${secretOf(2048)}&issuer=Huge`].join('\n');
    const result = await importBackup({ bytes: new TextEncoder().encode(text), fileName: 'links.txt' });
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Good']);
    expect(result.skipped).toEqual([{ line: 2, error: { code: 'secret_too_long' } }]);
  });

  it('a JSON import entry with a 300-character issuer is refused, not cut', () => {
    expect(codeOf(() => draftFrom({ issuer: 'i'.repeat(300), name: 'n', secret: secretOf(16) }))).toBe('issuer_too_long');
    expect(draftFrom({ issuer: 'i'.repeat(256), name: 'n', secret: secretOf(16) }).issuer).toHaveLength(256);
  });

  it('an import skips an entry with a 300-character issuer with issuer_too_long, naming it by its place and (shortened) issuer', async () => {
    const entries = [{ secret: secretOf(16), issuer: 'i'.repeat(300), label: 'n', type: 'TOTP', digits: 6, algorithm: 'SHA1', period: 30 }, { secret: secretOf(16), issuer: 'Ok', label: 'm', type: 'TOTP', digits: 6, algorithm: 'SHA1', period: 30 }];
    const result = await importBackup({ bytes: new TextEncoder().encode(JSON.stringify(entries)) });
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Ok']);
    expect(result.skipped).toEqual([{ position: 1, issuer: 'i'.repeat(60), name: 'n', error: { code: 'issuer_too_long' } }]);
  });

  it('a Google export link skips an account whose secret is over the cap', () => {
    const link = encodeMigrationLink([makeDraft({ issuer: 'Ok', name: 'a', secret: secretOf(32) }), makeDraft({ issuer: 'Huge', name: 'b', secret: secretOf(1040) })]);
    const result = decodeMigrationLink(link);
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Ok']);
    expect(result.skipped).toEqual([{ position: 2, issuer: 'Huge', name: 'b', error: { code: 'secret_too_long' } }]);
  });

  it('the vault refuses to write an oversized account or edit, and keeps what it had', async () => {
    const { vault } = await makeVault();
    await vault.create('correct horse battery', TEST_COST);
    await expect(vault.add([makeDraft({ issuer: 'Huge', name: 'a', secret: secretOf(2048) })])).rejects.toMatchObject({ code: 'secret_too_long' });
    const [account] = await vault.add([makeDraft({ issuer: 'Ok', name: 'a', secret: secretOf(32) })]);
    await expect(vault.update(account!.id, { notes: 'n'.repeat(ACCOUNT_LIMITS.notes + 1) })).rejects.toMatchObject({ code: 'notes_too_long' });
    await expect(vault.update(account!.id, { recoveryCodes: Array.from({ length: 101 }, () => ({ code: 'x', used: false })) })).rejects.toMatchObject({ code: 'too_many_recovery_codes' });
    expect((await vault.contents()).accounts).toEqual([account]);
  });
});
