import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { makeDraft } from '@/lib/otp/account';
import { essentials, fixture, reference } from './helpers';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** "Hello!\xde\xad\xbe\xef" as Java's signed bytes: base32 JBSWY3DPEHPK3PXP. */
const HELLO = [72, 101, 108, 108, 111, 33, -34, -83, -66, -17];

function token(fields: Record<string, unknown>) {
  return { algo: 'SHA1', counter: 0, digits: 6, issuerExt: 'Mail', issuerInt: 'Mail', label: 'ann', period: 30, secret: HELLO, type: 'TOTP', ...fields };
}

describe('FreeOTP+ backup', () => {
  it('the sample gives the six reference accounts it holds, in its tokenOrder, HOTP counters moved to the next code', async () => {
    const result = await importBackup({ bytes: fixture('freeotp_plus.json') });
    expect(result.format).toEqual({ id: 'freeotp-plus' });
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map((a) => a.issuer)).toEqual(['WWE', 'Air Canada', 'Issuu', 'Airbnb', 'SPDX', 'Deno']);
    const byIssuer = (issuer: string) => result.accounts.find((a) => a.issuer === issuer);
    for (const expected of reference(['WWE', 'Air Canada', 'Issuu', 'Airbnb', 'SPDX', 'Deno'])) expect(essentials(byIssuer(expected.issuer)!)).toEqual(expected);
  });

  it('turns signed Java bytes into the secret', async () => {
    const { accounts } = await importBackup({ bytes: encode({ tokenOrder: ['Mail:ann'], tokens: [token({})] }) });
    expect(accounts).toEqual([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Mail', name: 'ann' })]);
  });

  it('follows tokenOrder; tokens it does not list come after, in file order', async () => {
    const tokens = [token({ label: 'a' }), token({ label: 'b' }), token({ label: 'c', issuerExt: '', issuerInt: '' })];
    const { accounts } = await importBackup({ bytes: encode({ tokenOrder: ['c', 'Mail:b'], tokens }) });
    expect(accounts.map((a) => a.name)).toEqual(['c', 'b', 'a']);
  });

  it('skips a token with a broken secret or an unknown type, naming it', async () => {
    const tokens = [token({ label: 'bad', secret: [1, 'x'] }), token({ label: 'odd', type: 'MOTP' }), token({ label: 'empty', secret: [] }), token({ label: 'ok' })];
    const result = await importBackup({ bytes: encode({ tokenOrder: [], tokens }) });
    expect(result.accounts.map((a) => a.name)).toEqual(['ok']);
    expect(result.skipped).toEqual([
      { position: 1, issuer: 'Mail', name: 'bad', error: { code: 'secret_not_bytes' } },
      { position: 2, issuer: 'Mail', name: 'odd', error: { code: 'uri_unsupported_type', params: { type: 'MOTP' } } },
      { position: 3, issuer: 'Mail', name: 'empty', error: { code: 'secret_empty' } },
    ]);
  });

  it('is recognised by tokenOrder or by byte-array secrets, not by any `tokens` list', () => {
    expect(detectFormat({ bytes: encode({ tokens: [token({})] }) })?.importer.id).toBe('freeotp');
    expect(detectFormat({ bytes: encode({ tokens: [{ name: 'x' }] }) })).toBeNull();
  });
});
