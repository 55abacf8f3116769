import { readImportFile } from '@/lib/formats/read';
import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup, IMPORTERS } from '@/lib/formats';
import { readOnePux } from '@/lib/formats/onepassword';
import { appError, expectSameAccounts, fixture, reference } from './helpers';
import { dumpOfZip, storedZip, zipFixture } from './zip-files';

/**
 * 1Password's 1PUX export (support.1password.com/1pux-format; field shapes as Bitwarden's 1PUX importer types them,
 * bitwarden/clients libs/importer/src/importers/onepassword/types). tests/fixtures/import/1password.1pux is
 * sources/1password/{export.attributes,export.data} zipped with Info-ZIP `zip`.
 */
const item = (title: string, username: string, totp: string, state = 'active') => ({
  uuid: title, favIndex: 0, createdAt: 1, updatedAt: 1, state, categoryUuid: '001',
  details: { loginFields: [{ value: username, id: '', name: 'username', fieldType: 'T', designation: 'username' }], sections: [{ title: '', fields: [{ title: 'one-time password', id: 'TOTP_x', value: { totp } }] }] },
  overview: { title, subtitle: username, url: '' },
});
const exportData = (items: unknown[]) => JSON.stringify({ accounts: [{ attrs: { name: 'Ann' }, vaults: [{ attrs: { name: 'Private' }, items }] }] });

describe('1Password export (.1pux)', () => {
  it('the sample gives the three reference TOTP accounts (a bare secret with spaces, two otpauth links); the archived one is named', async () => {
    const bytes = await zipFixture('1password.1pux');
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'zip' }, kind: 'plain' });
    const result = await importBackup({ bytes });
    expect(result.format).toEqual({ id: '1password', version: '3' });
    expectSameAccounts(result.accounts, reference(['Deno', 'SPDX', 'Airbnb']));
    expect(result.skipped).toEqual([{ position: 4, vault: 'Personal', issuer: 'Old forum', error: { code: 'entry_archived', params: { app: '1Password' } } }]);
  });

  it('export.data taken out of the archive reads the same (format without a version: export.attributes is not there)', async () => {
    const bytes = fixture('sources/1password/export.data');
    expect(IMPORTERS.filter((i) => i.detect(readImportFile({ bytes })) !== 'no').map((i) => i.id)).toEqual(['1password']);
    const result = await importBackup({ bytes });
    expect(result.format).toEqual({ id: '1password' });
    expectSameAccounts(result.accounts, reference(['Deno', 'SPDX', 'Airbnb']));
  });

  it('a link without issuer or account takes the item’s title and username; a Steam link is a Steam account', () => {
    const result = readOnePux(JSON.parse(exportData([item('Mail', 'ann@mail.example', 'otpauth://totp/?secret=JBSWY3DPEHPK3PXP'), item('Steam', 'gabe', 'steam://JRZCL47CMXVOQMNPZR2F7J4RGI')])));
    expect(result.accounts.map((a) => [a.type, a.issuer, a.name])).toEqual([
      ['totp', 'Mail', 'ann@mail.example'],
      ['steam', 'Steam', 'gabe'],
    ]);
  });

  it('a field whose secret is not base32 is skipped with the reason; the rest import', () => {
    const result = readOnePux(JSON.parse(exportData([item('Bad', 'x', 'not a secret!'), item('Mail', 'ann', 'JBSWY3DPEHPK3PXP')])));
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Mail']);
    expect(result.skipped).toEqual([{ position: 1, vault: 'Private', issuer: 'Bad', error: { code: 'bad_base32', params: { character: '!', position: 11 } } }]);
  });

  it('export.data that is not JSON, or not the 1PUX structure, is named as the damaged part', async () => {
    let error = await appError(importBackup({ bytes: await dumpOfZip(storedZip({ 'export.attributes': '{"version":3}', 'export.data': '{"accounts": [' })) }));
    expect(error.code).toBe('damaged_backup');
    expect(error.message).toBe('The export.data in this ZIP archive is not valid JSON.');
    error = await appError(importBackup({ bytes: await dumpOfZip(storedZip({ 'export.data': '{"vaults": {}}' })) }));
    expect(error.code).toBe('damaged_backup');
    expect(error.message).toBe('The 1Password export\'s export.data is not the 1PUX structure (no list of accounts).');
  });
});
