import { createCipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { parseCsv } from '@/lib/formats/csv';
import { makeDraft } from '@/lib/otp/account';
import { appError, essentials, expectSameAccounts, reference, REFERENCE } from './helpers';

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

function gcm(key: Buffer, iv: Buffer, plaintext: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

describe('2FAS schema versions', () => {
  it('schema 1: TOTP only, issuer in the service name, default parameters', async () => {
    const file = { services: [{ name: 'Deno', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', otp: { account: 'Mason' } }], groups: [] };
    const result = await importBackup({ bytes: encode(file) });
    expect(result.format).toMatchObject({ id: '2fas', version: '1' });
    expectSameAccounts(result.accounts, reference(['Deno']));
  });

  it('schema 2/3: label holds “Issuer:account” when there is no account field; order.position is kept', async () => {
    const file = {
      schemaVersion: 2,
      services: [
        { name: 'SPDX', secret: '5OM4WOOGPLQEF6UGN3CPEOOLWU', otp: { label: 'SPDX:James', digits: 7, period: 20, algorithm: 'SHA256', tokenType: 'TOTP' }, order: { position: 1 } },
        { name: 'Deno', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', otp: { label: 'Deno:Mason', digits: 6, period: 30, algorithm: 'SHA1' }, order: { position: 0 } },
      ],
    };
    const result = await importBackup({ bytes: encode(file) });
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno', 'SPDX']));
  });

  it('a newer schema is named, not guessed at', async () => {
    const error = await appError(importBackup({ bytes: encode({ schemaVersion: 9, services: [] }) }));
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toBe('This is a 2FAS backup of schema 9, which is newer than we read (1–4).');
  });

  it('encrypted without a reference: decrypts with the right password, “wrong password” otherwise', async () => {
    const salt = randomBytes(256);
    const iv = randomBytes(12);
    const key = pbkdf2Sync('secret pw', salt, 10_000, 32, 'sha256');
    const services = [{ name: 'Deno', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', otp: { account: 'Mason', tokenType: 'TOTP' } }];
    const sealed = gcm(key, iv, Buffer.from(JSON.stringify(services)));
    const file = { schemaVersion: 3, services: [], servicesEncrypted: `${sealed.toString('base64')}:${salt.toString('base64')}:${iv.toString('base64')}` };
    expectSameAccounts((await importBackup({ bytes: encode(file) }, 'secret pw')).accounts, reference(['Deno']));
    expect((await appError(importBackup({ bytes: encode(file) }, 'nope'))).code).toBe('wrong_passphrase');
  });
});

describe('andOTP', () => {
  it('reads the old encrypted format (key = SHA-256 of the password)', async () => {
    const list = REFERENCE.slice(0, 2).map((a) => ({ secret: a.secret, issuer: a.issuer, label: a.name, digits: a.digits, type: 'TOTP', algorithm: a.algorithm, period: a.period }));
    const iv = randomBytes(12);
    const bytes = Buffer.concat([iv, gcm(createHash('sha256').update('old pw').digest(), iv, Buffer.from(JSON.stringify(list)))]);
    const result = await importBackup({ bytes: new Uint8Array(bytes) }, 'old pw');
    expect(result.format).toEqual({ id: 'andotp', encrypted: true });
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno', 'SPDX']));
  });

  it('reads the old “Issuer - account” label form', async () => {
    const result = await importBackup({ bytes: encode([{ secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', label: 'Deno - Mason', digits: 6, type: 'TOTP', algorithm: 'SHA1', period: 30 }]) });
    expectSameAccounts(result.accounts, reference(['Deno']));
  });
});

// The Authenticator browser extension: see authenticator-extension.test.ts.

describe('Bitwarden CSV and other text', () => {
  it('reads login_totp from CSV with quoted commas and newlines', async () => {
    const csv = [
      'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
      ',,login,"Deno, Inc.","multi\nline, note",,0,https://deno.com,Mason,pw,JBSW Y3DP EHPK 3PXP',
      ',,login,SPDX,,,0,,James,pw,otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20',
      ',,login,No 2FA,,,0,,x,pw,',
    ].join('\n');
    const result = await importBackup({ bytes: encode(csv) });
    expect(result.format).toEqual({ id: 'bitwarden-csv' });
    expect(result.accounts.map(essentials)).toEqual([
      essentials(makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Deno, Inc.', name: 'Mason' })),
      ...reference(['SPDX']),
    ]);
    expect(result.accounts[0]?.notes).toBe('multi\nline, note');
  });

  it('parses CSV per RFC 4180', () => {
    expect(parseCsv('a,"b ""q"", c",d\r\n1,2,3\n')).toEqual([['a', 'b "q", c', 'd'], ['1', '2', '3']]);
  });

  it('a list of links names each bad line and keeps the rest', async () => {
    const text = `# my codes\n${REFERENCE[0] ? 'otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&issuer=Deno' : ''}\n\notpauth://totp/x?secret=BAD1\n`;
    const result = await importBackup({ bytes: encode(text) });
    expectSameAccounts(result.accounts, reference(['Deno']));
    expect(result.skipped).toEqual([{ line: 4, error: { code: 'bad_base32', params: { character: '1', position: 4 } } }]);
  });

  it('an encrypted Ente export asks for its password (it is opened: ente.test.ts)', async () => {
    const error = await appError(importBackup({ bytes: encode({ version: 1, kdfParams: { memLimit: 1, opsLimit: 1, salt: 'x' }, encryptedData: 'abc', encryptionNonce: 'n' }) }));
    expect(error.code).toBe('password_required');
    expect(error.message).toMatch(/Ente/);
  });
});

describe('unknown input', () => {
  it.each([
    [new Uint8Array(), 'The file is empty.', 'file_empty'],
    [encode({ hello: 'world', list: [] }), 'This looks like a JSON file, but not a backup format we know (top-level keys: hello, list).', 'unknown_json_object'],
    [encode('Dear diary,\nno codes here'), 'This is a text file, but not a backup format we know (it starts with “Dear diary,”).', 'unknown_text_file'],
    [encode([1, 2, 3]), 'This is a JSON list of 3 item(s), but not a backup format we know.', 'unknown_json_list'],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]), 'This is a binary file of 34 bytes, not a backup format we know.', 'unknown_binary_file'],
  ])('says what it looks like (%#)', async (bytes, message, code) => {
    expect(detectFormat({ bytes })).toBeNull();
    const error = await appError(importBackup({ bytes }));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });
});
