import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { parseCsv } from '@/lib/formats/csv';
import { makeDraft } from '@/lib/otp/account';
import { essentials, expectSameAccounts, fixture, reference } from './helpers';

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

function item(name: string, totp: string | null, extra: Record<string, unknown> = {}) {
  return { id: name, type: 1, name, notes: null, favorite: false, login: { uris: null, username: 'ann', password: 'pw', totp }, ...extra };
}

describe('Bitwarden JSON export', () => {
  it('the sample gives the reference accounts it holds, plus its steam:// item as a Steam account under the item’s name', async () => {
    const result = await importBackup({ bytes: fixture('bitwarden.json') });
    expect(result.format).toEqual({ id: 'bitwarden-json' });
    expectSameAccounts(result.accounts.filter((a) => a.type !== 'steam'), reference(['Deno', 'SPDX', 'Airbnb']));
    expect(result.accounts.filter((a) => a.type === 'steam').map(essentials)).toEqual([
      essentials(makeDraft({ type: 'steam', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', digits: 5, issuer: 'Test Steam' })),
    ]);
  });

  it('a bare base32 secret takes the item name as issuer and the username as account; notes are kept', async () => {
    const file = { encrypted: false, folders: [], items: [item('GitHub', 'jbsw y3dp ehpk 3pxp', { notes: 'backup codes in the safe' })] };
    const { accounts } = await importBackup({ bytes: encode(file) });
    expect(accounts).toEqual([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', name: 'ann', notes: 'backup codes in the safe' })]);
  });

  it('an otpauth:// link without issuer or account is completed from the item', async () => {
    const file = { encrypted: false, items: [item('Mail', 'otpauth://totp/?secret=JBSWY3DPEHPK3PXP&digits=8')] };
    const { accounts } = await importBackup({ bytes: encode(file) });
    expect(accounts.map(essentials)).toEqual([essentials(makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Mail', name: 'ann', digits: 8 }))]);
  });

  it('items without a code (cards, notes, logins without totp) are not entries; a bad code is skipped by its position', async () => {
    const file = {
      encrypted: false,
      items: [{ id: 'n', type: 2, name: 'A note', secureNote: { type: 0 } }, item('No 2FA', null), item('Broken', 'not base32 at all!'), item('Fine', 'JBSWY3DPEHPK3PXP')],
    };
    const result = await importBackup({ bytes: encode(file) });
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Fine']);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped).toEqual([{ position: 3, issuer: 'Broken', error: { code: 'bad_base32', params: { character: '!', position: 15 } } }]);
  });
});

describe('Bitwarden CSV export', () => {
  const header = 'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';

  it('reads login_totp with quoted commas, doubled quotes, newlines in fields and CRLF line ends', async () => {
    const csv = [
      header,
      ',,login,"Deno, ""Inc.""","multi\r\nline, note",,0,https://deno.com,Mason,pw,otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno',
      ',,login,SPDX,,,0,,James,pw,"otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20"',
      ',,login,No 2FA,,,0,,x,pw,',
      ',,login,Steam,,,0,,x,pw,steam://JRZCL47CMXVOQMNPZR2F7J4RGI',
    ].join('\r\n');
    const result = await importBackup({ bytes: encode(`\uFEFF${csv}\r\n`) });
    expect(result.format).toEqual({ id: 'bitwarden-csv' });
    expect(result.accounts.map(essentials)).toEqual([
      ...reference(['Deno']),
      ...reference(['SPDX']),
      essentials(makeDraft({ type: 'steam', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', digits: 5, issuer: 'Steam', name: 'x' })),
    ]);
    expect(result.accounts[0]?.notes).toBe('multi\r\nline, note');
  });

  it('finds its columns by name (organisation exports have another order) and names a bad row', async () => {
    const csv = 'collections,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n,login,Mail,,,0,,ann,pw,JBSWY3DPEHPK3PXP\n,login,Bad,,,0,,bob,pw,otpauth://totp/x?secret=1\n';
    const result = await importBackup({ bytes: encode(csv) });
    expect(result.accounts).toEqual([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Mail', name: 'ann' })]);
    expect(result.skipped).toEqual([{ row: 3, issuer: 'Bad', error: { code: 'bad_base32', params: { character: '1', position: 1 } } }]);
  });

  it('a CSV without a login_totp column is not a Bitwarden export', () => {
    expect(detectFormat({ bytes: encode('name,login_username,login_password\nMail,ann,pw\n') })).toBeNull();
  });

  it('parses CSV per RFC 4180: quotes, empty fields, a last line without newline', () => {
    expect(parseCsv('a,"b ""q"", c",d\r\n1,,3\n"x\ny",2,"')).toEqual([
      ['a', 'b "q", c', 'd'],
      ['1', '', '3'],
      ['x\ny', '2', ''],
    ]);
  });
});
