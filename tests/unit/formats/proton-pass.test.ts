import { readImportFile } from '@/lib/formats/read';
import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup, IMPORTERS } from '@/lib/formats';
import { appError, expectSameAccounts, fixture, reference } from './helpers';
import { dumpOfZip, storedZip, zipFixture } from './zip-files';

/**
 * Proton Pass's export, to the shape its code writes (ProtonMail/WebClients packages/pass/lib/export). Samples
 * (tests/fixtures/import/SOURCE.md): proton_pass.zip (`Proton Pass/data.json`, stored like client-zip writes),
 * proton_pass_data.json (that file alone), proton_pass.csv (its CSV export), proton_pass.pgp (the ZIP sealed with `gpg --symmetric --armor`, as
 * CryptoProxy.encryptMessage with a password writes it), proton_pass_encrypted.zip (newer: `Proton Pass/data.pgp`).
 */
describe('Proton Pass export', () => {
  it('the ZIP gives the three reference accounts (login link, extra TOTP field, link); the trashed one is named', async () => {
    const bytes = await zipFixture('proton_pass.zip');
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'zip' }, kind: 'plain' });
    const result = await importBackup({ bytes });
    expect(result.format).toEqual({ id: 'proton-pass', version: '1.27.2' });
    expectSameAccounts(result.accounts, reference(['Deno', 'SPDX', 'Airbnb']));
    expect(result.skipped).toEqual([{ position: 4, vault: 'Personal', issuer: 'Old forum', error: { code: 'entry_in_trash', params: { app: 'Proton Pass' } } }]);
  });

  it('data.json taken out of the ZIP reads the same', async () => {
    const bytes = fixture('proton_pass_data.json');
    expect(detectFormat({ bytes })?.importer.id).toBe('proton-pass');
    expectSameAccounts((await importBackup({ bytes })).accounts, reference(['Deno', 'SPDX', 'Airbnb']));
  });

  it('the CSV export gives the accounts it carries (Proton’s CSV leaves extra TOTP fields out, so not SPDX)', async () => {
    const bytes = fixture('proton_pass.csv');
    expect(IMPORTERS.filter((i) => i.detect(readImportFile({ bytes })) !== 'no').map((i) => i.id)).toEqual(['proton-pass']);
    const result = await importBackup({ bytes });
    expect(result.format).toEqual({ id: 'proton-pass-csv' });
    expect(result.skipped).toEqual([]);
    expectSameAccounts(result.accounts, reference(['Deno', 'Airbnb']));
  });

  it('a bare secret takes the item’s name and user; a bad one is skipped, named; vaults as a list read too', async () => {
    const json = { version: '1.30.0', userId: 'u', encrypted: false, vaults: [{ name: 'Work', items: [
      { itemId: 'a', state: 1, data: { type: 'login', metadata: { name: 'Mail' }, extraFields: [], content: { itemEmail: 'ann@mail.example', itemUsername: '', totpUri: 'jbsw y3dp ehpk 3pxp' } } },
      { itemId: 'b', state: 1, data: { type: 'login', metadata: { name: 'Broken' }, extraFields: [], content: { itemEmail: '', totpUri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=2' } } },
    ] }] };
    const result = await importBackup({ bytes: new TextEncoder().encode(JSON.stringify(json)) });
    expect(result.accounts.map((a) => [a.issuer, a.name, a.secret])).toEqual([['Mail', 'ann@mail.example', 'JBSWY3DPEHPK3PXP']]);
    expect(result.skipped).toEqual([{ position: 2, vault: 'Work', issuer: 'Broken', error: { code: 'bad_digits', params: { digits: '2' } } }]);
  });

  it('the PGP-encrypted exports (.pgp, and data.pgp in the ZIP) are named precisely, with what to export instead', async () => {
    const pgp = await appError(importBackup({ bytes: fixture('proton_pass.pgp') }, 'proton-test'));
    expect(pgp.code).toBe('unsupported_format');
    expect(pgp.message).toMatch(/^This is an OpenPGP-encrypted message .*Proton Pass, Settings → Export → the unencrypted ZIP/);
    const inZip = await appError(importBackup({ bytes: await zipFixture('proton_pass_encrypted.zip', 'proton-test') }, 'proton-test'));
    expect(inZip.code).toBe('unsupported_format');
    expect(inZip.message).toMatch(/^This Proton Pass export is encrypted with OpenPGP .* choosing the unencrypted ZIP \(Proton Pass JSON\) format/);
  });

  it('a data.json that is not JSON is named as the damaged part', async () => {
    const error = await appError(importBackup({ bytes: await dumpOfZip(storedZip({ 'Proton Pass/data.json': '{"vaults": {' })) }));
    expect(error.code).toBe('damaged_backup');
    expect(error.message).toBe('The Proton Pass/data.json in this ZIP archive is not valid JSON.');
  });
});
