import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { readLinks } from '@/lib/formats/uri-list';
import { makeDraft } from '@/lib/otp/account';
import { encodeMigrationLink } from '@/lib/otp/migration';
import { essentials, expectSameAccounts, fixture, reference } from './helpers';

const encode = (text: string) => new TextEncoder().encode(text);

describe('a list of links', () => {
  it('plain.txt gives exactly the reference accounts, Steam included', async () => {
    const result = await importBackup({ bytes: fixture('plain.txt') });
    expect(result.format).toEqual({ id: 'otpauth-list' });
    expect(result.skipped).toEqual([]);
    expectSameAccounts(result.accounts, reference());
  });

  it('ignores blank lines, # comments, surrounding spaces and Windows or old Mac line ends', async () => {
    const text = '# exported 2026-01-01\r\n\r\n   otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno   \rsteam://JRZCL47CMXVOQMNPZR2F7J4RGI\r\n';
    const result = await importBackup({ bytes: encode(text) });
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map(essentials)).toEqual([...reference(['Deno']), essentials(makeDraft({ type: 'steam', digits: 5, issuer: 'Steam', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI' }))]);
  });

  it('a bad line is skipped with its line number and why; the rest import', async () => {
    const text = [
      '# codes',
      'otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno',
      'otpauth://totp/x?secret=BAD1',
      'otpauth://totp/y?secret=JBSWY3DPEHPK3PXP&digits=12',
      'remember to buy milk',
      'otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20',
    ].join('\n');
    const result = await importBackup({ bytes: encode(text) });
    expectSameAccounts(result.accounts, reference(['Deno', 'SPDX']));
    expect(result.skipped).toEqual([
      { line: 3, error: { code: 'bad_base32', params: { character: '1', position: 4 } } },
      { line: 4, error: { code: 'bad_digits', params: { digits: '12' } } },
      { line: 5, error: { code: 'entry_not_a_link', params: { start: 'remember to buy milk' } } },
    ]);
  });

  it('reads Google export links among the lines, every batch, skipped entries labelled with their line', async () => {
    const [deno, issuu] = reference(['Deno', 'Issuu']).map((a) => makeDraft(a));
    const first = encodeMigrationLink([deno!], { id: -3, index: 0, size: 2 });
    const second = encodeMigrationLink([issuu!], { id: -3, index: 1, size: 2 });
    const result = await importBackup({ bytes: encode(`${first}\n\n${second}\n`) });
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno', 'Issuu']));
  });

  it('an unreadable Google export batch is skipped by its line with its code; an account it cannot add, by line and place', async () => {
    const [deno] = reference(['Deno']).map((a) => makeDraft(a));
    const good = encodeMigrationLink([deno!]);
    const huge = encodeMigrationLink([makeDraft({ issuer: 'Huge', name: 'pin', secret: 'A'.repeat(1040) }), makeDraft({ issuer: 'Long', name: 'x', secret: 'JBSWY3DPEHPK3PXP', digits: 8 })]);
    // Its first account is 5 bytes long, but only 2 follow: the batch cannot be read at all.
    const cut = 'otpauth-migration://offline?data=CgUKAw%3D%3D';
    const result = await importBackup({ bytes: encode(`${good}\n${cut}\n${huge}\n`) });
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Deno', 'Long']);
    expect(result.skipped).toEqual([
      { line: 2, error: { code: 'bad_otpauth_uri' } },
      { line: 3, position: 1, issuer: 'Huge', name: 'pin', error: { code: 'secret_too_long' } },
    ]);
  });

  it('text that is mostly not links is not a link list', () => {
    expect(detectFormat({ bytes: encode('Dear diary,\nI found otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\nin a drawer.\n') })).toBeNull();
    expect(detectFormat({ bytes: encode('# only a comment\n') })).toBeNull();
  });

  it('readLinks lets a format adjust or refuse each account', () => {
    const result = readLinks('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\notpauth://totp/b?secret=JBSWY3DPEHPK3PXP', { id: 'otpauth-list' }, (draft) => ({ ...draft, pinned: draft.name === 'a' }));
    expect(result.accounts.map((a) => [a.name, a.pinned])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });
});
