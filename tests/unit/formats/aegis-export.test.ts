import { createDecipheriv, createHash, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { aegisImporter } from '@/lib/formats/aegis';
import { writeAegisBackup, writeAegisPlain } from '@/lib/formats/aegis-export';
import { makeDraft, type AccountDraft } from '@/lib/otp/account';
import { appError, REFERENCE } from './helpers';
import { readImportFile } from '@/lib/formats/read';

const PASSWORD = 'backup pässword 42';
const encode = (text: string) => new TextEncoder().encode(text);
/** A 1×1 PNG (as an account icon; Aegis keeps icons inline, base64 with MIME type and SHA-256). */
const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/** The reference accounts with every field of ours set somewhere, including ones Aegis has no place for. */
const ACCOUNTS: AccountDraft[] = REFERENCE.map((account, i) => ({
  ...account,
  sites: i === 0 ? ['deno.com', 'deno.land'] : [],
  notes: i === 1 ? 'Recovery: ask the help desk\nsecond line “quoted”' : '',
  recoveryCodes: i === 0 ? [{ code: 'abcd-efgh', used: false }, { code: 'ijkl-mnop', used: true }] : [],
  pinned: i === 2 || i === 6,
  ...(i === 3 ? { icon: { kind: 'image' as const, mime: 'image/png' as const, data: TINY_PNG } } : {}),
}));

interface AegisFile {
  version: number;
  header: {
    slots: { type: number; uuid: string; key: string; key_params: { nonce: string; tag: string }; n: number; r: number; p: number; salt: string }[];
    params: { nonce: string; tag: string };
  };
  db: string;
}

/**
 * Opens an Aegis vault file from the format description alone (aegis-vault-format.md) with Node's scrypt and
 * AES-GCM: scrypt(password, slot salt) unwraps the master key (tag stored apart), which opens `db`.
 */
function independentDecrypt(text: string, password: string): { version: number; entries: Record<string, unknown>[]; groups: unknown } {
  const file = JSON.parse(text) as AegisFile;
  const slot = file.header.slots.find((s) => s.type === 1);
  if (!slot) throw new Error('no password slot');
  const derived = scryptSync(Buffer.from(password, 'utf8'), Buffer.from(slot.salt, 'hex'), 32, { N: slot.n, r: slot.r, p: slot.p, maxmem: 128 * 1024 * 1024 });
  const unwrap = createDecipheriv('aes-256-gcm', derived, Buffer.from(slot.key_params.nonce, 'hex'));
  unwrap.setAuthTag(Buffer.from(slot.key_params.tag, 'hex'));
  const masterKey = Buffer.concat([unwrap.update(Buffer.from(slot.key, 'hex')), unwrap.final()]);
  const content = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(file.header.params.nonce, 'hex'));
  content.setAuthTag(Buffer.from(file.header.params.tag, 'hex'));
  return JSON.parse(Buffer.concat([content.update(Buffer.from(file.db, 'base64')), content.final()]).toString('utf8'));
}

/** The Aegis entry we expect for one account: Aegis's own fields plus ours under one `keyring` key. */
function expectedEntry(account: AccountDraft, order: number) {
  return {
    type: account.type,
    uuid: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    name: account.name,
    issuer: account.issuer,
    note: account.notes,
    favorite: account.pinned,
    ...(account.icon?.kind === 'image'
      ? { icon: account.icon.data, icon_mime: account.icon.mime, icon_hash: createHash('sha256').update(Buffer.from(account.icon.data, 'base64')).digest('hex') }
      : { icon: null, icon_mime: null, icon_hash: null }),
    info: { secret: account.secret, algo: account.algorithm, digits: account.digits, ...(account.type === 'hotp' ? { counter: account.counter } : { period: account.period }) },
    groups: [],
    keyring: { sites: account.sites, recoveryCodes: account.recoveryCodes, order },
  };
}

describe('writeAegisBackup: an encrypted Aegis vault file', () => {
  it('opens with an independent implementation of the format, with Aegis parameters and every field', async () => {
    const text = await writeAegisBackup(ACCOUNTS, PASSWORD);
    const file = JSON.parse(text) as AegisFile;
    expect(file.version).toBe(1);
    expect(file.header.slots).toHaveLength(1);
    const [slot] = file.header.slots;
    expect(slot).toMatchObject({ type: 1, n: 32768, r: 8, p: 1 });
    expect([slot?.salt.length, slot?.key.length, slot?.key_params.nonce.length, slot?.key_params.tag.length]).toEqual([64, 64, 24, 32]);
    expect([file.header.params.nonce.length, file.header.params.tag.length]).toEqual([24, 32]);
    for (const account of ACCOUNTS) expect(text).not.toContain(account.secret);

    const content = independentDecrypt(text, PASSWORD);
    expect(content.version).toBe(3);
    expect(content.groups).toEqual([]);
    expect(content.entries).toEqual(ACCOUNTS.map((account, i) => expectedEntry(account, i)));
    expect(new Set(content.entries.map((e) => e.uuid)).size).toBe(ACCOUNTS.length);
  });

  it('uses a fresh salt, master key and nonces for every file', async () => {
    const [a, b] = await Promise.all([writeAegisBackup(ACCOUNTS, PASSWORD, { scryptLogN: 10 }), writeAegisBackup(ACCOUNTS, PASSWORD, { scryptLogN: 10 })]);
    const [fa, fb] = [JSON.parse(a) as AegisFile, JSON.parse(b) as AegisFile];
    expect(fa.header.slots[0]?.salt).not.toBe(fb.header.slots[0]?.salt);
    expect(fa.header.slots[0]?.key).not.toBe(fb.header.slots[0]?.key);
    expect(fa.header.slots[0]?.key_params.nonce).not.toBe(fb.header.slots[0]?.key_params.nonce);
    expect(fa.header.params.nonce).not.toBe(fb.header.params.nonce);
    expect(fa.db).not.toBe(fb.db);
  });

  it('round-trips through aegisImporter keeping every field, order included', async () => {
    const result = await aegisImporter.read(readImportFile({ bytes: encode(await writeAegisBackup(ACCOUNTS, PASSWORD, { scryptLogN: 10 })) }), PASSWORD);
    expect(result.format).toEqual({ id: 'aegis', encrypted: true, version: '3' });
    expect(result.skipped).toEqual([]);
    expect(result.accounts).toEqual(ACCOUNTS);
  });

  it('round-trips an empty vault and unusual but valid accounts', async () => {
    expect((await aegisImporter.read(readImportFile({ bytes: encode(await writeAegisBackup([], PASSWORD, { scryptLogN: 10 })) }), PASSWORD)).accounts).toEqual([]);
    const unusual = [
      makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Ünïcødé 🔐', name: 'a"b\\c', type: 'hotp', counter: Number.MAX_SAFE_INTEGER, digits: 10, algorithm: 'SHA512' }),
      makeDraft({ secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', type: 'steam', digits: 5, notes: '', sites: ['store.steampowered.com'] }),
    ];
    const result = await aegisImporter.read(readImportFile({ bytes: encode(await writeAegisBackup(unusual, '🔑 pw', { scryptLogN: 10 })) }), '🔑 pw');
    expect(result.accounts).toEqual(unusual);
  });

  it('refuses a wrong password and scrypt costs the reader would refuse', async () => {
    const text = await writeAegisBackup(ACCOUNTS, PASSWORD, { scryptLogN: 10 });
    const error = await appError(aegisImporter.read(readImportFile({ bytes: encode(text) }), 'backup password 42'));
    expect([error.code, error.message]).toEqual(['wrong_passphrase', 'Wrong password for this Aegis backup.']);
    await expect(writeAegisBackup(ACCOUNTS, PASSWORD, { scryptLogN: 21 })).rejects.toThrow(RangeError);
  });

  it('refuses every single-byte change of an encrypted backup (or, in whitespace, gives back exactly the same accounts)', async () => {
    const accounts = ACCOUNTS.slice(0, 2);
    // The smallest scrypt cost: what is tested is authentication of every byte (~1,600 reads), not the KDF,
    // so the test stays fast on a loaded machine.
    const text = await writeAegisBackup(accounts, PASSWORD, { scryptLogN: 1 });
    expect((await aegisImporter.read(readImportFile({ bytes: encode(text) }), PASSWORD)).accounts).toEqual(accounts);
    const accepted: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const changed = text.slice(0, i) + lookalike(text[i]!) + text.slice(i + 1);
      try {
        const result = await aegisImporter.read(readImportFile({ bytes: encode(changed) }), PASSWORD);
        // Only a no-op may be accepted, and then the accounts must be exactly the original ones.
        expect(result.accounts).toEqual(accounts);
        accepted.push(i);
      } catch (error) {
        if (!(error instanceof AppError)) throw new Error(`byte ${i}: ${String(error)}`);
      }
    }
    const whitespace = [...text].flatMap((c, i) => (/\s/.test(c) ? [i] : []));
    expect(accepted).toEqual(whitespace);
  }, 120_000);
});

/**
 * A different character of the same kind, so the changed file stays JSON (and hex stays hex, base64 stays
 * base64, numbers stay numbers): the change then reaches the crypto instead of failing at parsing.
 */
function lookalike(c: string): string {
  const rotate = (alphabet: string) => alphabet[(alphabet.indexOf(c) + 1) % alphabet.length]!;
  if (/[0-9]/.test(c)) return rotate('0123456789');
  if (/[a-f]/.test(c)) return rotate('abcdef');
  if (/[g-z]/.test(c)) return rotate('ghijklmnopqrstuvwxyz');
  if (/[A-Z]/.test(c)) return rotate('ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  if (c === '+' || c === '/') return c === '+' ? '/' : '+';
  if (c === ' ') return '\t';
  if (c === '\n') return ' ';
  return c === 'x' ? 'y' : 'x';
}

describe('writeAegisPlain: a plain Aegis vault file', () => {
  it('holds the same entries unencrypted, in the layout Aegis reads', async () => {
    const file = JSON.parse(await writeAegisPlain(ACCOUNTS)) as { version: number; header: unknown; db: { version: number; entries: unknown[]; groups: unknown } };
    expect(file.version).toBe(1);
    expect(file.header).toEqual({ slots: null, params: null });
    expect(file.db.version).toBe(3);
    expect(file.db.groups).toEqual([]);
    expect(file.db.entries).toEqual(ACCOUNTS.map((account, i) => expectedEntry(account, i)));
  });

  it('round-trips through aegisImporter keeping every field', async () => {
    const result = await aegisImporter.read(readImportFile({ bytes: encode(await writeAegisPlain(ACCOUNTS)) }));
    expect(result.format).toEqual({ id: 'aegis', encrypted: false, version: '3' });
    expect(result.accounts).toEqual(ACCOUNTS);
  });
});
