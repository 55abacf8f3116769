import { scrypt } from 'hash-wasm';
import { aegisIconFields } from '@/lib/icons/icon';
import type { AccountDraft } from '@/lib/otp/account';
import { aesGcmEncrypt } from '@/lib/vault/crypto';
import { toBase64, toHex, utf8 } from '@/lib/vault/bytes';
import { EXTRA_KEY, type KeyringExtra } from './aegis';

/** Aegis's own parameters (aegis-vault-format.md): N = 2^15, r = 8, p = 1. */
const DEFAULT_SCRYPT_LOG_N = 15;
const TAG_BYTES = 16;

function random(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

async function entryOf(account: AccountDraft & { order?: number }, index: number): Promise<Record<string, unknown>> {
  const info: Record<string, unknown> = { secret: account.secret, algo: account.algorithm, digits: account.digits };
  if (account.type === 'hotp') info.counter = account.counter;
  else info.period = account.period;
  const extra: KeyringExtra = { sites: account.sites, recoveryCodes: account.recoveryCodes, order: account.order ?? index };
  return {
    type: account.type,
    uuid: crypto.randomUUID(),
    name: account.name,
    issuer: account.issuer,
    note: account.notes,
    favorite: account.pinned,
    ...(await aegisIconFields(account.icon)),
    info,
    groups: [],
    [EXTRA_KEY]: extra,
  };
}

/** Vault content version 3, the current one. */
async function contentOf(accounts: readonly AccountDraft[], slotUuid?: string): Promise<Record<string, unknown>> {
  const content: Record<string, unknown> = { version: 3, entries: await Promise.all(accounts.map(entryOf)), groups: [] };
  // Binds the header's slot to the authenticated content (Aegis ignores the extra key).
  if (slotUuid) content[EXTRA_KEY] = { slot: slotUuid };
  return content;
}

/** A plain (unencrypted) Aegis vault file. */
export async function writeAegisPlain(accounts: readonly AccountDraft[]): Promise<string> {
  return JSON.stringify({ version: 1, header: { slots: null, params: null }, db: await contentOf(accounts) }, null, 2);
}

/**
 * An encrypted Aegis vault file (version 1): a random master key encrypts the content with AES-256-GCM;
 * one password slot wraps the master key with a scrypt-derived key. Aegis itself can restore it.
 */
export async function writeAegisBackup(accounts: readonly AccountDraft[], password: string, options: { scryptLogN?: number } = {}): Promise<string> {
  const masterKey = random(32);
  const salt = random(32);
  const logN = options.scryptLogN ?? DEFAULT_SCRYPT_LOG_N;
  // Our reader (like Aegis) refuses N above 2^20; below 2^10 is only for tests.
  if (!Number.isInteger(logN) || logN < 1 || logN > 20) throw new RangeError(`scryptLogN must be a whole number from 1 to 20, not ${logN}`);
  const n = 2 ** logN;
  const derived = await scrypt({ password: utf8(password), salt, costFactor: n, blockSize: 8, parallelism: 1, hashLength: 32, outputType: 'binary' });
  const slotNonce = random(12);
  const wrapped = await aesGcmEncrypt(derived, slotNonce, masterKey);
  const contentNonce = random(12);
  const slotUuid = crypto.randomUUID();
  const sealed = await aesGcmEncrypt(masterKey, contentNonce, utf8(JSON.stringify(await contentOf(accounts, slotUuid))));
  masterKey.fill(0);
  const ciphertext = sealed.slice(0, sealed.length - TAG_BYTES);
  const file = {
    version: 1,
    header: {
      slots: [
        {
          type: 1,
          uuid: slotUuid,
          key: toHex(wrapped.slice(0, 32)),
          key_params: { nonce: toHex(slotNonce), tag: toHex(wrapped.slice(32)) },
          n,
          r: 8,
          p: 1,
          salt: toHex(salt),
        },
      ],
      params: { nonce: toHex(contentNonce), tag: toHex(sealed.slice(sealed.length - TAG_BYTES)) },
    },
    db: toBase64(ciphertext),
  };
  return JSON.stringify(file, null, 2);
}
