import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { twofasImporter } from '@/lib/formats/twofas';
import { appError, essentials, fixture, reference } from './helpers';
import { readImportFile } from '@/lib/formats/read';

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const TWOFAS_ISSUERS = ['Deno', 'Issuu', 'Air Canada', 'WWE', 'Boeing'];
const PASSWORD = 'zażółć gęślą';

/** 2FAS's sealing, from its format: base64(ciphertext + tag) : base64(salt) : base64(iv), PBKDF2-HMAC-SHA256 ×10,000. */
function seal(plaintext: string, password: string, salt = randomBytes(256)): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', pbkdf2Sync(password, salt, 10_000, 32, 'sha256'), iv);
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [sealed, salt, iv].map((part) => part.toString('base64')).join(':');
}

function encryptedFile(services: unknown[], password: string, schemaVersion = 4) {
  const salt = randomBytes(256);
  // 2FAS seals a fixed text as `reference` with the same key, so a wrong password can be told from damage.
  return { services: [], groups: [], updatedAt: 1_700_000_000_000, schemaVersion, appVersionCode: 5000009, appOrigin: 'android', servicesEncrypted: seal(JSON.stringify(services), password, salt), reference: seal('reference text of the app', password, salt) };
}

/** The services of the real schema 4 sample, which hold every kind of token 2FAS has. */
const SAMPLE_SERVICES = (JSON.parse(new TextDecoder().decode(fixture('2fas_authenticator_plain_v4.2fas'))) as { services: Record<string, unknown>[] }).services;

describe('2FAS: real sample files (schema 4)', () => {
  it('reads the plain sample into exactly the reference accounts, in 2FAS order', async () => {
    const result = await twofasImporter.read(readImportFile({ bytes: fixture('2fas_authenticator_plain_v4.2fas') }));
    expect(result.format).toEqual({ id: '2fas', version: '4', encrypted: false });
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map(essentials)).toEqual(reference(TWOFAS_ISSUERS));
  });

  it('reads the encrypted sample with its password into exactly the reference accounts', async () => {
    const result = await twofasImporter.read(readImportFile({ bytes: fixture('2fas_authenticator_encrypted_v4.2fas') }), 'test');
    expect(result.format).toEqual({ id: '2fas', version: '4', encrypted: true });
    expect(result.accounts.map(essentials)).toEqual(reference(TWOFAS_ISSUERS));
  });

  it('detects plain and encrypted 2FAS files and nothing else', () => {
    expect(twofasImporter.detect(readImportFile({ bytes: fixture('2fas_authenticator_plain_v4.2fas') }))).toBe('plain');
    expect(twofasImporter.detect(readImportFile({ bytes: fixture('2fas_authenticator_encrypted_v4.2fas') }))).toBe('encrypted');
    for (const other of ['aegis_plain.json', 'aegis_encrypted.json', 'andotp_plain.json', 'andotp_encrypted.bin', 'bitwarden.json', 'proton_authenticator.json']) {
      expect(twofasImporter.detect(readImportFile({ bytes: fixture(other) }))).toBe('no');
    }
  });

  it('a wrong password is “Wrong password”, a missing one asks for it', async () => {
    const wrong = await appError(twofasImporter.read(readImportFile({ bytes: fixture('2fas_authenticator_encrypted_v4.2fas') }), 'Test'));
    expect([wrong.code, wrong.message]).toEqual(['wrong_passphrase', 'Wrong password for this 2FAS backup.']);
    expect((await appError(twofasImporter.read(readImportFile({ bytes: fixture('2fas_authenticator_encrypted_v4.2fas') })))).code).toBe('password_required');
  });

  it('changed accounts under a correct password check are a damaged backup, not partial data', async () => {
    const file = JSON.parse(new TextDecoder().decode(fixture('2fas_authenticator_encrypted_v4.2fas'))) as { servicesEncrypted: string };
    const [data, salt, iv] = file.servicesEncrypted.split(':') as [string, string, string];
    const bytes = Buffer.from(data, 'base64');
    bytes[3] = bytes[3]! ^ 0x01;
    const error = await appError(twofasImporter.read(readImportFile({ bytes: encode({ ...file, servicesEncrypted: `${bytes.toString('base64')}:${salt}:${iv}` }) }), 'test'));
    expect([error.code, error.message]).toEqual(['damaged_backup', 'The 2FAS backup was changed or damaged: authentication of its accounts failed.']);
  });
});

describe('2FAS: icons', () => {
  it('keeps a “Label” icon (its letters and colour); a brand icon of the app’s own collection gets our letter avatar', async () => {
    const result = await twofasImporter.read(readImportFile({ bytes: fixture('2fas_authenticator_plain_v4.2fas') }));
    expect(result.accounts[0]?.icon).toEqual({ kind: 'label', text: 'DE', color: 'Yellow' });
    const services = [
      { ...SAMPLE_SERVICES[0], icon: { selected: 'IconCollection', label: { text: 'DE', backgroundColor: 'Yellow' }, iconCollection: { id: 'a5b3fb65-4ec5-43e6-8ec1-49e24ca9e7ad' } } },
      { ...SAMPLE_SERVICES[1], icon: { selected: 'Label', label: { text: '', backgroundColor: 'Red' } } },
    ];
    const built = await twofasImporter.read(readImportFile({ bytes: encode({ schemaVersion: 4, appVersionCode: 5000029, services, groups: [] }) }));
    expect(built.accounts.map((a) => a.icon)).toEqual([undefined, undefined]);
  });
});

describe('2FAS: older schema versions, built from the format definition', () => {
  it('schema 1: services with a legacy brand `type`, no token type, algorithm or issuer: TOTP with defaults', async () => {
    const file = {
      services: [
        { name: 'Deno', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', updatedAt: 1_600_000_000_000, type: 'ManualService', otp: { label: 'Mason', account: 'Mason' }, order: { position: 0 } },
        { name: 'Google', secret: 'jbsw y3dp ehpk 3pxp', updatedAt: 1_600_000_000_000, type: 'Google', otp: { label: 'Google:me@example.com' }, order: { position: 1 } },
      ],
      updatedAt: 1_600_000_000_000,
      schemaVersion: 1,
    };
    const result = await twofasImporter.read(readImportFile({ bytes: encode(file) }));
    expect(result.format).toEqual({ id: '2fas', version: '1', encrypted: false });
    expect(result.accounts.map(essentials)).toEqual([...reference(['Deno']), { type: 'totp', issuer: 'Google', name: 'me@example.com', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 }]);
  });

  it('an entry whose names are only in its own otpauth link keeps them; an 11-character secret is read like 2FAS iOS does', async () => {
    const link = 'otpauth://totp/Forgejo:ann@example.org?secret=JBSWY3DPEHP&issuer=Forgejo';
    const file = { schemaVersion: 4, services: [{ name: '', secret: 'JBSWY3DPEHP', otp: { link, tokenType: 'TOTP', digits: 6, period: 30, algorithm: 'SHA1' }, order: { position: 0 } }] };
    const result = await twofasImporter.read(readImportFile({ bytes: encode(file) }));
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map(essentials)).toEqual([{ type: 'totp', issuer: 'Forgejo', name: 'ann@example.org', secret: 'JBSWY3DPEHP', algorithm: 'SHA1', digits: 6, period: 30 }]);
  });

  it('a file without schemaVersion is read as schema 1', async () => {
    const file = { services: [{ name: 'Deno', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', otp: { account: 'Mason' } }], updatedAt: 1, appVersionCode: 3010000 };
    expect(twofasImporter.detect(readImportFile({ bytes: encode(file) }))).toBe('plain');
    const result = await twofasImporter.read(readImportFile({ bytes: encode(file) }));
    expect(result.format).toEqual({ id: '2fas', version: '1', encrypted: false });
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno']));
  });

  it('schema 2: TOTP parameters, badges and brand icons; `order.position` decides the order', async () => {
    const file = {
      services: [
        { name: 'SPDX', secret: '5OM4WOOGPLQEF6UGN3CPEOOLWU', updatedAt: 1, otp: { label: 'James', account: 'James', issuer: 'SPDX', digits: 7, period: 20, algorithm: 'SHA256', tokenType: 'TOTP' }, order: { position: 1 }, badge: { color: 'Red' }, icon: { selected: 'Brand', brand: { id: null } } },
        { name: 'Airbnb', secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA', updatedAt: 1, otp: { label: 'Elijah', account: 'Elijah', digits: 8, period: 50, algorithm: 'SHA512', tokenType: 'TOTP' }, order: { position: 2 }, badge: null },
        { name: 'Deno', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', updatedAt: 1, otp: { label: 'Deno:Mason', digits: 6, period: 30, algorithm: 'SHA1', tokenType: 'TOTP' }, order: { position: 0 } },
      ],
      updatedAt: 1,
      schemaVersion: 2,
      appVersionCode: 3050000,
    };
    const result = await twofasImporter.read(readImportFile({ bytes: encode(file) }));
    expect(result.format).toEqual({ id: '2fas', version: '2', encrypted: false });
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno', 'SPDX', 'Airbnb']));
  });

  it('schema 3: groups, HOTP counters and Steam tokens', async () => {
    const groupId = 'c0ffee00-0000-4000-8000-000000000001';
    const services = SAMPLE_SERVICES.map(({ icon: _icon, ...service }) => ({ ...service, groupId, badge: null }));
    const file = { services, groups: [{ id: groupId, name: 'Work', isExpanded: true }], updatedAt: 1, schemaVersion: 3, appVersionCode: 4000000 };
    const result = await twofasImporter.read(readImportFile({ bytes: encode(file) }));
    expect(result.format).toEqual({ id: '2fas', version: '3', encrypted: false });
    expect(result.accounts.map(essentials)).toEqual(reference(TWOFAS_ISSUERS));
  });

  it.each([2, 3])('encrypted schema %i with a password check decrypts, and refuses a wrong password', async (schema) => {
    const file = encryptedFile(SAMPLE_SERVICES, PASSWORD, schema);
    expect(twofasImporter.detect(readImportFile({ bytes: encode(file) }))).toBe('encrypted');
    const result = await twofasImporter.read(readImportFile({ bytes: encode(file) }), PASSWORD);
    expect(result.format).toEqual({ id: '2fas', version: String(schema), encrypted: true });
    expect(result.accounts.map(essentials)).toEqual(reference(TWOFAS_ISSUERS));
    expect((await appError(twofasImporter.read(readImportFile({ bytes: encode(file) }), 'zazolc gesla'))).code).toBe('wrong_passphrase');
  });

  it('a newer schema is named, not guessed at', async () => {
    const error = await appError(twofasImporter.read(readImportFile({ bytes: encode({ services: [], groups: [], schemaVersion: 9 }) })));
    expect([error.code, error.message]).toEqual(['unsupported_format', 'This is a 2FAS backup of schema 9, which is newer than we read (1–4).']);
  });
});

describe('2FAS: entries and damage', () => {
  it('skips entries it cannot hold, with a reason, and keeps the rest', async () => {
    const services = [
      SAMPLE_SERVICES[0],
      { name: 'Odd', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 'x', tokenType: 'MOTP' }, order: { position: 1 } },
      { name: 'Long', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 'y', tokenType: 'TOTP', digits: 11 }, order: { position: 2 } },
      { name: 'Empty', secret: '', otp: { account: 'z' }, order: { position: 3 } },
    ];
    const result = await twofasImporter.read(readImportFile({ bytes: encode({ services, groups: [], schemaVersion: 4 }) }));
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno']));
    expect(result.skipped).toEqual([
      { position: 2, issuer: 'Odd', name: 'x', error: { code: 'uri_unknown_type', params: { type: 'motp' } } },
      { position: 3, issuer: 'Long', name: 'y', error: { code: 'bad_digits', params: { digits: '11' } } },
      { position: 4, issuer: 'Empty', name: 'z', error: { code: 'secret_empty' } },
    ]);
  });

  it('malformed encrypted parts are a damaged backup that says which part', async () => {
    const file = encryptedFile(SAMPLE_SERVICES, PASSWORD);
    const [data, salt] = file.servicesEncrypted.split(':') as [string, string, string];
    const twoParts = await appError(twofasImporter.read(readImportFile({ bytes: encode({ ...file, servicesEncrypted: `${data}:${salt}` }) }), PASSWORD));
    expect([twoParts.code, twoParts.message]).toEqual(['damaged_backup', "The 2FAS backup's encrypted services is not in the expected ciphertext:salt:iv form."]);
    const notBase64 = await appError(twofasImporter.read(readImportFile({ bytes: encode({ ...file, reference: 'a$b:c:d' }) }), PASSWORD));
    expect([notBase64.code, notBase64.message]).toEqual(['damaged_backup', "The backup's password check is not valid base64."]);
  });

  it('decrypted content that is not a list of services is a damaged backup', async () => {
    const salt = randomBytes(256);
    const file = { services: [], schemaVersion: 4, servicesEncrypted: seal('{"not":"a list"}', PASSWORD, salt), reference: seal('ref', PASSWORD, salt) };
    const error = await appError(twofasImporter.read(readImportFile({ bytes: encode(file) }), PASSWORD));
    expect([error.code, error.message]).toEqual(['damaged_backup', 'The 2FAS backup decrypted, but holds no list of accounts.']);
  });
});
