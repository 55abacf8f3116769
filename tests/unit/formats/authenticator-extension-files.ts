import { randomUUID } from 'node:crypto';
import { argon2id } from 'hash-wasm';
import { cryptoJsEncrypt } from './helpers';

/**
 * A backup of the extension's newer encryption, made along its own code paths (src/store/Accounts.ts genHash and the
 * migration to key version 3, src/argon.ts, src/models/encryption.ts, src/models/storage.ts getOTPStorageFromEntry):
 * salt = hex of 8 random 16-bit values; Argon2id(t=2, 19 MiB, p=1, 32 bytes) of the password in PHC form; its hash part
 * is the passphrase; key.hash = genHash(passphrase); each entry = CryptoJS.AES.encrypt(JSON of its OTPStorage).
 */
async function genHash(value: string): Promise<string> {
  const salt = Array.from(crypto.getRandomValues(new Uint16Array(8)), (n) => n.toString(16)).join('');
  return argon2id({ password: value, salt: new TextEncoder().encode(salt), iterations: 2, memorySize: 19 * 1024, parallelism: 1, hashLength: 32, outputType: 'encoded' });
}

export async function keyedExtensionBackup(password: string, plain: Record<string, { index: number }>): Promise<Record<string, unknown>> {
  const rawSaltedHash = await genHash(password);
  const salt = atob(rawSaltedHash.split('$')[4]!.padEnd(Math.ceil(rawSaltedHash.split('$')[4]!.length / 4) * 4, '='));
  const saltedHash = rawSaltedHash.split('$')[5]!;
  const key = { dataType: 'Key', id: randomUUID(), salt, hash: await genHash(saltedHash), version: 3 };
  const entries = Object.values(plain).map((entry) => ({ dataType: 'EncOTPStorage', keyId: key.id, data: cryptoJsEncrypt(JSON.stringify({ ...entry, encrypted: true, keyId: key.id, dataType: 'OTPStorage' }), saltedHash), index: entry.index }));
  return { [key.id]: key, ...Object.fromEntries(entries.map((e, i) => [Object.keys(plain)[i]!, e])) };
}
