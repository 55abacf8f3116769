import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { importBackup } from '@/lib/formats';
import { writeAegisBackup } from '@/lib/formats/aegis-export';
import { encodeMigrationLink } from '@/lib/otp/migration';
import { makeDraft } from '@/lib/otp/account';
import { fixture, REFERENCE } from './helpers';

/** Seeded PRNG (mulberry32) so a failure names a reproducible case. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
  if (choice < 0.1) {
    replacement = 0;
    for (let i = 0; i < 1000; i++) replacement = [replacement];
  } else if (choice < 0.2) replacement = undefined;
  else replacement = WEIRD_VALUES[Math.floor(random() * WEIRD_VALUES.length)];
  (target.parent as Record<string | number, unknown>)[target.key] = replacement;
  return copy;
}

const VALID = /^[A-Z2-7]+$/;

async function check(bytes: Uint8Array, password: string | undefined, label: string) {
  try {
    const result = await importBackup({ bytes }, password);
    for (const account of result.accounts) {
      expect(account.secret, label).toMatch(VALID);
      expect(account.digits, label).toBeGreaterThanOrEqual(5);
      expect(account.digits, label).toBeLessThanOrEqual(10);
      expect(account.period, label).toBeGreaterThanOrEqual(1);
      expect(['totp', 'hotp', 'steam'], label).toContain(account.type);
      expect(['SHA1', 'SHA256', 'SHA512'], label).toContain(account.algorithm);
    }
    for (const skipped of result.skipped) expect(skipped.reason.length, label).toBeGreaterThan(0);
  } catch (error) {
    if (!(error instanceof AppError)) throw new Error(`${label}: uncaught ${error instanceof Error ? error.stack : String(error)}`);
    expect(error.message.length, label).toBeGreaterThan(5);
  }
}

describe('fuzz: mutated files of every format give valid accounts or a clear error', () => {
  it('10,000+ mutations of the plain formats (bytes and JSON structure)', async () => {
    const random = prng(20261123);
    const sources = PLAIN.map((name) => ({ name, bytes: fixture(name) }));
    sources.push({ name: 'migration', bytes: new TextEncoder().encode(encodeMigrationLink(REFERENCE.slice(0, 4).map((a) => makeDraft(a)))) });
    let cases = 0;
    for (let round = 0; round < 1150; round++) {
      for (const source of sources) {
        const bytes = mutateBytes(source.bytes, random);
        await check(bytes, undefined, `${source.name} byte mutation ${round}`);
        cases++;
        if (source.name.endsWith('.json') || source.name.endsWith('.2fas')) {
          const mutated = JSON.stringify(mutateJson(JSON.parse(new TextDecoder().decode(source.bytes)), random));
          await check(new TextEncoder().encode(mutated ?? ''), undefined, `${source.name} JSON mutation ${round}`);
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
      { name: 'ours', bytes: ours, password: 'fuzz password' },
      { name: '2fas', bytes: fixture('2fas_authenticator_encrypted_v4.2fas'), password: 'test' },
    ];
    let cases = 0;
    for (let round = 0; round < 300; round++) {
      for (const source of sources) {
        await check(mutateBytes(source.bytes, random), source.password, `${source.name} ${round}`);
        cases++;
      }
    }
    expect(cases).toBe(600);
  }, 120_000);

  it('deep nesting and huge inputs end quickly with an error', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    await check(new TextEncoder().encode(deep), undefined, 'deep');
    const huge = JSON.stringify({ services: Array.from({ length: 20_000 }, () => ({ secret: 'AAAA', otp: { digits: 1e300 } })), schemaVersion: 4 });
    await check(new TextEncoder().encode(huge), undefined, 'huge');
  });
});
