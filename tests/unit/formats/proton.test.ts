import { describe, expect, it } from 'vitest';
import { importBackup } from '@/lib/formats';
import { appError, essentials, expectSameAccounts, fixture, reference } from './helpers';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function entry(uri: string, name: string, note: string | null = null) {
  return { id: name, content: { uri, entry_type: uri.startsWith('steam') ? 'Steam' : 'Totp', name }, note };
}

describe('Proton Authenticator export', () => {
  it('the sample gives the three reference accounts it holds', async () => {
    const result = await importBackup({ bytes: fixture('proton_authenticator.json') });
    expect(result.format).toEqual({ id: 'proton-authenticator' });
    expect(result.skipped).toEqual([]);
    expectSameAccounts(result.accounts, reference(['Deno', 'SPDX', 'Airbnb']));
  });

  it('keeps notes, takes the entry name when the link has no account, and reads steam:// entries', async () => {
    const file = {
      version: 1,
      entries: [entry('otpauth://totp/?secret=JBSWY3DPEHPK3PXP&issuer=Mail', 'ann@mail', 'recovery in safe'), entry('steam://JRZCL47CMXVOQMNPZR2F7J4RGI', 'Steam')],
    };
    const { accounts } = await importBackup({ bytes: encode(file) });
    expect(accounts.map((a) => [a.type, a.issuer, a.name, a.notes])).toEqual([
      ['totp', 'Mail', 'ann@mail', 'recovery in safe'],
      ['steam', 'Steam', 'Steam', ''],
    ]);
  });

  it('skips an entry whose link is broken, naming it, and imports the rest', async () => {
    const file = { version: 1, entries: [entry('otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&digits=3', 'y'), entry('otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno', 'Mason')] };
    const result = await importBackup({ bytes: encode(file) });
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno']));
    expect(result.skipped).toEqual([{ position: 1, name: 'y', error: { code: 'bad_digits', params: { digits: '3' } } }]);
  });

  it('a newer version is named, not guessed at', async () => {
    const error = await appError(importBackup({ bytes: encode({ version: 2, entries: [entry('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP', 'a')] }) }));
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toBe('This is a Proton Authenticator export of version 2, which is newer than we read (1).');
  });
});
