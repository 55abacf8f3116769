import { createCipheriv, pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto';
import { base32ToBytes } from '@/lib/otp/base32';
import { FREEOTP_ACCOUNTS } from './app-files';

/**
 * FreeOTP 2's encrypted backup, written from its definition (FreeOTP's Android source as Aegis's FreeOtpImporter reads
 * it): java.io.ObjectOutputStream of a HashMap<String, String> whose `masterKey` is a PBKDF2-wrapped AES-GCM key and
 * whose tokens' secrets are AES-GCM under that key (AAD = `mToken`, nonce in DER GCMParameters), byte lists signed.
 */
const signed = (bytes: Uint8Array) => Array.from(bytes, (b) => (b > 127 ? b - 256 : b));

function sealKey(key: Buffer, plain: Uint8Array, token: string) {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(token));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return { mCipher: 'AES/GCM/NoPadding', mCipherText: signed(sealed), mParameters: signed(Buffer.concat([Buffer.from([0x30, 0x11, 0x04, 0x0c]), nonce, Buffer.from([0x02, 0x01, 0x10])])), mToken: token };
}

/** ObjectOutputStream's bytes for a HashMap<String, String> (Android API 23 writes loadFactor only; later ones threshold too). */
function javaStringMap(entries: [string, string][], withThreshold: boolean): Buffer {
  const utf = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const parts: Buffer[] = [Buffer.from([0xac, 0xed, 0x00, 0x05, 0x73, 0x72]), utf('java.util.HashMap'), Buffer.from('0507dac1c31660d1', 'hex'), Buffer.from([0x03])];
  const fields = withThreshold ? [['F', 'loadFactor'], ['I', 'threshold']] : [['F', 'loadFactor']];
  parts.push(Buffer.from([0, fields.length]));
  for (const [type, name] of fields) parts.push(Buffer.from(type!), utf(name!));
  parts.push(Buffer.from([0x78, 0x70]), Buffer.from('3f400000', 'hex'));
  if (withThreshold) parts.push(Buffer.from('0000000c', 'hex'));
  const size = Buffer.alloc(8);
  size.writeUInt32BE(16, 0);
  size.writeUInt32BE(entries.length, 4);
  parts.push(Buffer.from([0x77, 0x08]), size);
  for (const [key, value] of entries) parts.push(Buffer.from([0x74]), utf(key), Buffer.from([0x74]), utf(value));
  parts.push(Buffer.from([0x78]));
  return Buffer.concat(parts);
}

export function freeOtp2Backup(password: string, { withThreshold = true, algorithm = 'PBKDF2withHmacSHA512' } = {}): Uint8Array {
  const salt = randomBytes(32);
  const masterKey = randomBytes(32);
  const passwordKey = pbkdf2Sync(password, salt, 1_000, 32, algorithm.endsWith('SHA1') ? 'sha1' : 'sha512');
  const entries: [string, string][] = [['masterKey', JSON.stringify({ mAlgorithm: algorithm, mEncryptedKey: sealKey(passwordKey, masterKey, 'AES'), mIterations: 1_000, mSalt: signed(salt) })]];
  for (const a of FREEOTP_ACCOUNTS) {
    const id = randomUUID();
    const token = `Hmac${a.algorithm}`;
    entries.push([id, JSON.stringify({ key: JSON.stringify(sealKey(masterKey, base32ToBytes(a.secret), token)) })]);
    entries.push([`${id}-token`, JSON.stringify({ algo: a.algorithm, counter: a.counter, digits: a.digits, issuerExt: a.issuer, label: a.name, period: a.period, type: a.type.toUpperCase() })]);
  }
  return new Uint8Array(javaStringMap(entries, withThreshold));
}
