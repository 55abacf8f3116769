import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from '@/lib/errors';
import { importBackup } from '@/lib/formats';
import { writeAegisBackup } from '@/lib/formats/aegis-export';
import { encodeMigrationLink, migrationLimitOf } from '@/lib/otp/migration';
import { makeDraft } from '@/lib/otp/account';
import { authyFile, battleNetFile, duoFile, freeOtpPrefs, STEAM_ACCOUNT, STRATUM_JSON, totpAuthenticatorBackup, totpAuthenticatorPrefs } from './app-files';
import { keyedExtensionBackup } from './authenticator-extension-files';
import { dumpOf, googleAuthenticatorDb, microsoftAuthenticatorDb, stratumDb } from './app-databases';
import { bitwardenProtectedExport, cryptoJsEncrypt, fixture, REFERENCE } from './helpers';
import { freeOtp2Backup } from './freeotp2-files';
import { keepassFile, PASSWORD_ONLY, REFERENCE_ENTRIES } from './keepass-files';
import { prng } from '../support/prng';
import { zipDump } from '@/lib/formats/zip';


const PLAIN = ['aegis_plain.json', '2fas_authenticator_plain_v4.2fas', 'andotp_plain.json', 'bitwarden.json', 'ente_auth.txt', 'proton_authenticator.json', 'freeotp_plus.json', 'plain.txt'];
const WEIRD_VALUES: unknown[] = [null, true, -1, 0, 1e308, -1e308, 2 ** 53 + 1, 1.5, '', 'x'.repeat(100_000), [], {}, [[[[]]]], { secret: 1 }, 'SHA999', '💥', '\u0000'];

function mutateBytes(bytes: Uint8Array, random: () => number): Uint8Array {
  const out = Array.from(bytes);
  const kind = Math.floor(random() * 4);
  const at = Math.floor(random() * Math.max(1, out.length));
  if (kind === 0) for (let i = 0; i < 1 + random() * 4; i++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
  else if (kind === 1) out.length = at;
  else if (kind === 2) out.splice(at, 0, ...Array.from({ length: 1 + Math.floor(random() * 8) }, () => Math.floor(random() * 256)));
  else out.splice(at, 1 + Math.floor(random() * 16));
  return Uint8Array.from(out);
}

/** Stands for 10,000 nested arrays, put in as text: JSON.stringify itself overflows the stack on them. */
const DEEP_MARKER = '\u0001deep\u0001';
const DEEP_TEXT = `${'['.repeat(10_000)}0${']'.repeat(10_000)}`;

function jsonText(value: unknown): string {
  return (JSON.stringify(value) ?? '').replace(JSON.stringify(DEEP_MARKER), DEEP_TEXT);
}

/** Replaces one value somewhere in the JSON tree with a wrong type, a huge number or a deep nest. */
function mutateJson(value: unknown, random: () => number): unknown {
  const paths: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        paths.push({ parent: node, key: i });
        walk(child);
      });
    } else if (node && typeof node === 'object') {
      for (const [k, child] of Object.entries(node)) {
        paths.push({ parent: node as Record<string, unknown>, key: k });
        walk(child);
      }
    }
  };
  const copy = structuredClone(value);
  walk(copy);
  const target = paths[Math.floor(random() * paths.length)];
  if (!target) return copy;
  const choice = random();
  let replacement: unknown;
  if (choice < 0.1) replacement = DEEP_MARKER;
  else if (choice < 0.2) replacement = undefined;
  else replacement = WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)];
  (target.parent as Record<string | number, unknown>)[target.key] = replacement;
  return copy;
}

const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

const BITWARDEN_CSV = [
  'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
  ',,login,"Deno, Inc.","multi\nline, note",,0,https://deno.com,Mason,pw,4SJHB4GSD43FZBAI7C2HLRJGPQ',
  ',,login,SPDX,,,0,,James,pw,otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20',
  ',,login,Steam,,,0,,x,pw,steam://JRZCL47CMXVOQMNPZR2F7J4RGI',
].join('\n');

/** The Authenticator extension's backup of the reference accounts, optionally with encrypted secrets. */
function extensionBackup(password?: string) {
  return Object.fromEntries(
    REFERENCE.map((a, index) => [
      `h${index}`,
      { account: a.name, issuer: a.issuer, secret: password ? cryptoJsEncrypt(a.secret, password) : a.secret, type: a.type, digits: a.digits, period: a.period, counter: a.counter, algorithm: a.algorithm, encrypted: Boolean(password), hash: `h${index}`, index },
    ]),
  );
}

const VALID = /^[A-Z2-7]+$/;

/** Longest a single import may take; scrypt with Aegis's N = 2^15 is the slowest legitimate step (~0.5 s). */
const PER_CALL_MS = 10_000;

async function importWithin(bytes: Uint8Array, password: string | undefined, label: string) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${label}: no answer within ${PER_CALL_MS} ms`)), PER_CALL_MS);
  });
  try {
    return await Promise.race([importBackup({ bytes }, password), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function check(bytes: Uint8Array, password: string | undefined, label: string) {
  try {
    const result = await importWithin(bytes, password, label);
    for (const account of result.accounts) {
      expect(account.secret, label).toMatch(VALID);
      expect(account.digits, label).toBeGreaterThanOrEqual(5);
      expect(account.digits, label).toBeLessThanOrEqual(10);
      expect(account.period, label).toBeGreaterThanOrEqual(1);
      expect(['totp', 'hotp', 'steam'], label).toContain(account.type);
      expect(['SHA1', 'SHA256', 'SHA512'], label).toContain(account.algorithm);
    }
    for (const skipped of result.skipped) expect(ERROR_CODES, label).toContain(skipped.error.code);
  } catch (error) {
    if (!(error instanceof AppError)) throw new Error(`${label}: uncaught ${error instanceof Error ? error.stack : String(error)}`);
    expect(error.message.length, label).toBeGreaterThan(5);
  }
}

describe('fuzz: mutated files of every format give valid accounts or a clear error', () => {
  it('10,000+ mutations of the plain formats (bytes and JSON structure)', async () => {
    const random = prng(20261123);
    const sources = PLAIN.map((name) => ({ name, bytes: fixture(name) }));
    sources.push({ name: 'authenticator-extension.json', bytes: encode(extensionBackup()) });
    sources.push({ name: 'bitwarden.csv', bytes: encode(BITWARDEN_CSV) });
    sources.push({ name: 'migration', bytes: new TextEncoder().encode(encodeMigrationLink(REFERENCE.map((a) => makeDraft(a)).filter((a) => migrationLimitOf(a) === null))) });
    let cases = 0;
    for (let round = 0; round < 1150; round++) {
      for (const source of sources) {
        const bytes = mutateBytes(source.bytes, random);
        await check(bytes, undefined, `${source.name} byte mutation ${round}`);
        cases++;
        if (source.name.endsWith('.json') || source.name.endsWith('.2fas')) {
          const mutated = jsonText(mutateJson(JSON.parse(new TextDecoder().decode(source.bytes)), random));
          await check(new TextEncoder().encode(mutated), undefined, `${source.name} JSON mutation ${round}`);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThanOrEqual(10_000);
  }, 120_000);

  it('mutations of encrypted files with the right password are refused clearly or give valid accounts', async () => {
    const random = prng(7);
    const ours = new TextEncoder().encode(await writeAegisBackup(REFERENCE.map((a) => makeDraft(a)), 'fuzz password', { scryptLogN: 4 }));
    const sources = [
      { name: 'ours', bytes: ours, password: 'fuzz password', rounds: 300 },
      { name: '2fas', bytes: fixture('2fas_authenticator_encrypted_v4.2fas'), password: 'test', rounds: 300 },
      { name: 'authenticator-extension', bytes: encode(extensionBackup('fuzz password')), password: 'fuzz password', rounds: 300 },
      { name: 'bitwarden-protected', bytes: encode(await bitwardenProtectedExport(JSON.parse(new TextDecoder().decode(fixture('bitwarden.json'))), 'fuzz password', { kdfType: 0, kdfIterations: 5_000 })), password: 'fuzz password', rounds: 300 },
      // Real scrypt (N = 2^15) and andOTP's PBKDF2 cost ~0.1–0.5 s a call: a few rounds each.
      { name: 'andotp', bytes: fixture('andotp_encrypted.bin'), password: 'test', rounds: 20 },
      { name: 'aegis', bytes: fixture('aegis_encrypted.json'), password: 'test', rounds: 8 },
    ];
    let cases = 0;
    for (const source of sources) {
      for (let round = 0; round < source.rounds; round++) {
        await check(mutateBytes(source.bytes, random), source.password, `${source.name} ${round}`);
        cases++;
      }
    }
    expect(cases).toBe(1228);
  }, 120_000);

  it('mutations of the other apps’ files (Authy, Battle.net, Steam, Duo, TOTP Authenticator, Stratum, FreeOTP)', async () => {
    const random = prng(15);
    const sources = [
      { name: 'authy.xml', bytes: authyFile(), password: undefined },
      { name: 'authy-encrypted.xml', bytes: authyFile('fuzz password'), password: 'fuzz password' },
      { name: 'battle.net.xml', bytes: battleNetFile(Buffer.alloc(20, 7), 'EU-1234-5678-9012'), password: undefined },
      { name: 'steam.json', bytes: encode(JSON.stringify({ accounts: { a: STEAM_ACCOUNT } })), password: undefined },
      { name: 'duo.json', bytes: duoFile(), password: undefined },
      { name: 'totp-authenticator.bin', bytes: totpAuthenticatorBackup('fuzz password'), password: 'fuzz password' },
      { name: 'totp-authenticator.xml', bytes: totpAuthenticatorPrefs(), password: undefined },
      { name: 'stratum.json', bytes: encode(STRATUM_JSON), password: undefined },
      { name: 'freeotp.xml', bytes: freeOtpPrefs(), password: undefined },
    ];
    let cases = 0;
    for (const source of sources) {
      for (let round = 0; round < 300; round++) {
        await check(mutateBytes(source.bytes, random), source.password, `${source.name} ${round}`);
        cases++;
      }
    }
    expect(cases).toBe(2700);
  }, 120_000);

  it('mutations of the SQLite databases (Google, Microsoft, Stratum) and of their dumps', async () => {
    const random = prng(3);
    const databases = [await googleAuthenticatorDb(), await microsoftAuthenticatorDb(), await stratumDb()];
    let cases = 0;
    for (const database of databases) {
      const dump = await dumpOf(database);
      for (let round = 0; round < 150; round++) {
        const label = `database ${databases.indexOf(database)} round ${round}`;
        try {
          await check(await dumpOf(mutateBytes(database, random)), undefined, `${label} bytes`);
        } catch (error) {
          if (!(error instanceof AppError)) throw new Error(`${label}: the SQLite reader threw ${String(error)}`);
        }
        await check(new TextEncoder().encode(jsonText(mutateJson(JSON.parse(new TextDecoder().decode(dump)), random))), undefined, `${label} dump`);
        cases += 2;
      }
    }
    expect(cases).toBe(900);
  }, 120_000);

  it('mutations of KeePass databases (KDBX 4 and 3.1) with the right password', async () => {
    const random = prng(4);
    const sources = [
      await keepassFile('fuzz password', [...REFERENCE_ENTRIES, PASSWORD_ONLY], { version: 4, argon2: { memoryKiB: 64, iterations: 1 } }),
      await keepassFile('fuzz password', REFERENCE_ENTRIES, { version: 3 }),
    ];
    let cases = 0;
    for (const [i, source] of sources.entries()) {
      for (let round = 0; round < 200; round++) {
        await check(mutateBytes(source, random), 'fuzz password', `keepass ${i} round ${round}`);
        cases++;
      }
    }
    expect(cases).toBe(400);
  }, 120_000);

  it('mutations of FreeOTP 2 encrypted backups with the right password', async () => {
    const random = prng(5);
    const sources = [freeOtp2Backup('fuzz password', { withThreshold: false }), freeOtp2Backup('fuzz password')];
    let cases = 0;
    for (const [i, source] of sources.entries()) {
      for (let round = 0; round < 300; round++) {
        await check(mutateBytes(source, random), 'fuzz password', `freeotp2 ${i} round ${round}`);
        cases++;
      }
    }
    expect(cases).toBe(600);
  }, 120_000);

  it('mutations of the Authenticator extension’s keyed backup (Argon2id key) with the right password', async () => {
    const random = prng(6);
    const file = await keyedExtensionBackup('fuzz password', extensionBackup());
    let cases = 0;
    for (let round = 0; round < 60; round++) {
      await check(new TextEncoder().encode(jsonText(mutateJson(file, random))), 'fuzz password', `extension keyed JSON ${round}`);
      await check(mutateBytes(encode(file), random), 'fuzz password', `extension keyed bytes ${round}`);
      cases += 2;
    }
    expect(cases).toBe(120);
  }, 120_000);

  it('mutations of a PNG and a JPEG holding an export QR code', async () => {
    const random = prng(99);
    const link = encodeMigrationLink(REFERENCE.map((a) => makeDraft(a)).filter((a) => migrationLimitOf(a) === null));
    const png = new Uint8Array(await QRCode.toBuffer(link, { width: 240 }));
    const { PNG } = await import('pngjs');
    const jpeg = await import('jpeg-js');
    const pixels = PNG.sync.read(Buffer.from(png));
    const jpg = new Uint8Array(jpeg.encode({ data: pixels.data, width: pixels.width, height: pixels.height }, 90).data);
    let cases = 0;
    for (let round = 0; round < 200; round++) {
      for (const [name, bytes] of [
        ['png', png],
        ['jpeg', jpg],
      ] as const) {
        await check(mutateBytes(bytes, random), undefined, `${name} ${round}`);
        cases++;
      }
    }
    expect(cases).toBe(400);
  }, 120_000);

  it('mutations of ZIP exports (Authenticator Plus ZipCrypto and AES, WinAuth, 1Password, Proton Pass) through the page’s dump', async () => {
    const random = prng(8);
    const sources = [
      { name: 'authenticator_plus.zip', password: 'testtesttest' },
      { name: 'authenticator_plus_aes.zip', password: 'testtesttest' },
      { name: 'winauth.zip', password: 'winauth-test' },
      { name: '1password.1pux', password: undefined },
      { name: 'proton_pass.zip', password: undefined },
      { name: 'proton_pass_encrypted.zip', password: undefined },
    ];
    let cases = 0;
    for (const source of sources) {
      const bytes = fixture(source.name);
      for (let round = 0; round < 150; round++) {
        const label = `${source.name} round ${round}`;
        let dump: Uint8Array;
        try {
          dump = await zipDump(mutateBytes(bytes, random), source.password);
        } catch (error) {
          if (!(error instanceof AppError)) throw new Error(`${label}: the ZIP reader threw ${String(error)}`);
          cases++;
          continue;
        }
        await check(dump, source.password, label);
        cases++;
      }
    }
    expect(cases).toBe(900);
  }, 120_000);

  it('mutations of WinAuth’s text, Proton Pass’s data.json and CSV, 1Password’s export.data, and of the dumps themselves', async () => {
    const random = prng(9);
    const inner = [
      { name: 'export.data', json: JSON.parse(new TextDecoder().decode(fixture('sources/1password/export.data'))) },
      { name: 'Proton Pass/data.json', json: JSON.parse(new TextDecoder().decode(fixture('proton_pass_data.json'))) },
    ];
    let cases = 0;
    for (const round of Array.from({ length: 300 }, (_, i) => i)) {
      await check(mutateBytes(fixture('winauth.txt'), random), undefined, `winauth.txt ${round}`);
      await check(mutateBytes(fixture('proton_pass_data.json'), random), undefined, `proton_pass_data.json bytes ${round}`);
      await check(encode(jsonText(mutateJson(inner[1]!.json, random))), undefined, `proton_pass_data.json JSON ${round}`);
      await check(mutateBytes(fixture('proton_pass.csv'), random), undefined, `proton_pass.csv ${round}`);
      await check(encode(jsonText(mutateJson(inner[0]!.json, random))), undefined, `export.data alone ${round}`);
      cases += 5;
    }
    for (const { name, json } of inner) {
      for (let round = 0; round < 200; round++) {
        const text = jsonText(mutateJson(json, random));
        const dump = { keyringZipDump: 1, entries: [{ name, size: text.length, encrypted: false, text }], password: 'none' };
        await check(encode(dump), undefined, `${name} ${round}`);
        await check(encode(jsonText(mutateJson(dump, random))), undefined, `${name} dump ${round}`);
        cases += 2;
      }
    }
    expect(cases).toBe(2300);
  }, 120_000);

  it('deep nesting and huge inputs end quickly with an error', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    await check(new TextEncoder().encode(deep), undefined, 'deep');
    const huge = JSON.stringify({ services: Array.from({ length: 20_000 }, () => ({ secret: 'AAAA', otp: { digits: 1e300 } })), schemaVersion: 4 });
    await check(new TextEncoder().encode(huge), undefined, 'huge');
  });
});
