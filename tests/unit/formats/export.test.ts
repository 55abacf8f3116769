import { createDecipheriv, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aegisImporter } from '@/lib/formats/aegis';
import { writeAegisBackup, writeAegisPlain } from '@/lib/formats/aegis-export';
import { makeDraft } from '@/lib/otp/account';
import { appError, essentials, REFERENCE } from './helpers';

const PASSWORD = 'backup password 42';
const ACCOUNTS = REFERENCE.map((account, i) => ({
  ...account,
  sites: i === 0 ? ['deno.com'] : [],
  notes: i === 1 ? 'Recovery: ask the help desk' : '',
  recoveryCodes: i === 0 ? [{ code: 'abcd-efgh', used: false }, { code: 'ijkl-mnop', used: true }] : [],
  pinned: i === 2,
}));

/**
 * Decrypts an Aegis vault file from the format description alone (aegis-vault-format.md), with Node's
 * scrypt and AES-GCM: independent of the project's own reading code.
 */
function independentDecrypt(text: string, password: string): { version: number; entries: Record<string, unknown>[] } {
  const file = JSON.parse(text);
  expect(file.version).toBe(1);
  const slot = file.header.slots.find((s: { type: number }) => s.type === 1);
  expect([slot.n, slot.r, slot.p]).toEqual([32768, 8, 1]);
  const derived = scryptSync(Buffer.from(password), Buffer.from(slot.salt, 'hex'), 32, { N: slot.n, r: slot.r, p: slot.p, maxmem: 256 * 1024 * 1024 });
  const unwrap = createDecipheriv('aes-256-gcm', derived, Buffer.from(slot.key_params.nonce, 'hex'));
  unwrap.setAuthTag(Buffer.from(slot.key_params.tag, 'hex'));
  const masterKey = Buffer.concat([unwrap.update(Buffer.from(slot.key, 'hex')), unwrap.final()]);
  const content = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(file.header.params.nonce, 'hex'));
  content.setAuthTag(Buffer.from(file.header.params.tag, 'hex'));
  return JSON.parse(Buffer.concat([content.update(Buffer.from(file.db, 'base64')), content.final()]).toString('utf8'));
}

describe('encrypted export in the Aegis vault format', () => {
  it('decrypts with an independent implementation of the format into Aegis entries', async () => {
    const text = await writeAegisBackup(ACCOUNTS, PASSWORD);
    for (const account of ACCOUNTS) expect(text).not.toContain(account.secret);
    const content = independentDecrypt(text, PASSWORD);
    expect(content.version).toBe(3);
    expect(content.entries).toHaveLength(ACCOUNTS.length);
    const first = content.entries[0] as { type: string; name: string; issuer: string; info: Record<string, unknown>; keyring: unknown };
    expect(first).toMatchObject({ type: 'totp', name: 'Mason', issuer: 'Deno', info: { secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', algo: 'SHA1', digits: 6, period: 30 } });
    expect(first.keyring).toMatchObject({ sites: ['deno.com'] });
    const hotp = content.entries.find((e) => e.type === 'hotp') as { info: Record<string, unknown> };
    expect(hotp.info).toMatchObject({ counter: 1 });
    expect(hotp.info).not.toHaveProperty('period');
  });

  it('round-trips everything, including fields Aegis has no place for', async () => {
    const result = await aegisImporter.read({ bytes: new TextEncoder().encode(await writeAegisBackup(ACCOUNTS, PASSWORD, { scryptLogN: 10 })) }, PASSWORD);
    expect(result.accounts).toEqual(ACCOUNTS.map(({ ...a }) => ({ ...a })));
    const plain = await aegisImporter.read({ bytes: new TextEncoder().encode(writeAegisPlain(ACCOUNTS)) });
    expect(plain.accounts).toEqual(ACCOUNTS);
  });

  it('refuses every single-byte change of an encrypted backup', async () => {
    const accounts = [makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'A', name: 'b' })];
    const text = await writeAegisBackup(accounts, PASSWORD, { scryptLogN: 4 });
    const bytes = new TextEncoder().encode(text);
    expect((await aegisImporter.read({ bytes }, PASSWORD)).accounts.map(essentials)).toEqual(accounts.map(essentials));
    const accepted: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const changed = new Uint8Array(bytes);
      // Flip a low bit: hex digits mostly stay hex and base64 stays base64, so the crypto is reached.
      changed[i] = bytes[i]! ^ (bytes[i] === 0x30 ? 0x01 : 0x02);
      const error = await appError(aegisImporter.read({ bytes: changed }, PASSWORD)).catch(() => null);
      if (!error) accepted.push(i);
      else expect(error.message.length).toBeGreaterThan(10);
    }
    expect(accepted).toEqual([]);
  });

  it('says which problem a tampered or truncated file has', async () => {
    const text = await writeAegisBackup(ACCOUNTS, PASSWORD, { scryptLogN: 4 });
    const file = JSON.parse(text);
    const db = Buffer.from(file.db, 'base64');
    db[5] = db[5]! ^ 1;
    file.db = db.toString('base64');
    const tampered = await appError(aegisImporter.read({ bytes: new TextEncoder().encode(JSON.stringify(file)) }, PASSWORD));
    expect(tampered.code).toBe('damaged_backup');
    expect(tampered.message).toMatch(/authentication of its content failed/);
    const wrong = await appError(aegisImporter.read({ bytes: new TextEncoder().encode(text) }, 'wrong password'));
    expect(wrong.code).toBe('wrong_passphrase');
  });
});
