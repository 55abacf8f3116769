import { describe, expect, it } from 'vitest';
import { fromHex, toHex, utf8, fromUtf8, randomBytes } from '@/lib/vault/bytes';
import { aesGcmDecrypt, aesGcmEncrypt, DecryptionFailed, importAesKey, open, pbkdf2, seal, sha256 } from '@/lib/vault/crypto';

describe('AES-256-GCM seal/open', () => {
  it('round-trips plaintext with its additional data', async () => {
    const key = await importAesKey(randomBytes(32));
    const sealed = await seal(key, utf8('JBSWY3DPEHPK3PXP'), utf8('record-1'));
    expect(fromUtf8(await open(key, sealed, utf8('record-1')))).toBe('JBSWY3DPEHPK3PXP');
  });

  it('uses a fresh 96-bit IV for every write', async () => {
    const key = await importAesKey(randomBytes(32));
    const a = await seal(key, utf8('same'), utf8(''));
    const b = await seal(key, utf8('same'), utf8(''));
    expect(a.iv).toHaveLength(12);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.ciphertext).not.toEqual(b.ciphertext);
  });

  it('refuses every single flipped bit of ciphertext and IV', async () => {
    const key = await importAesKey(randomBytes(32));
    const sealed = await seal(key, utf8('secret payload'), utf8('ad'));
    for (const field of ['ciphertext', 'iv'] as const) {
      for (let i = 0; i < sealed[field].length; i++) {
        const altered = { ...sealed, [field]: new Uint8Array(sealed[field]) };
        altered[field][i]! ^= 0x01;
        await expect(open(key, altered, utf8('ad'))).rejects.toBeInstanceOf(DecryptionFailed);
      }
    }
  });

  it('refuses other additional data and another key', async () => {
    const key = await importAesKey(randomBytes(32));
    const sealed = await seal(key, utf8('x'), utf8('record-1'));
    await expect(open(key, sealed, utf8('record-2'))).rejects.toBeInstanceOf(DecryptionFailed);
    await expect(open(await importAesKey(randomBytes(32)), sealed, utf8('record-1'))).rejects.toBeInstanceOf(DecryptionFailed);
  });
});

describe('raw-key one-shots (backup formats)', () => {
  // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 14 (256-bit zero key, zero IV, one zero block).
  const key = new Uint8Array(32);
  const iv = new Uint8Array(12);
  const sealedVector = fromHex('cea7403d4d606b6e074ec5d3baf39d18' + 'd0d1c8a799996bf0265b98b5d48ab919');

  it('AES-256-GCM encrypts to the published vector and decrypts it back', async () => {
    expect(toHex(await aesGcmEncrypt(key, iv, new Uint8Array(16)))).toBe(toHex(sealedVector));
    expect(await aesGcmDecrypt(key, iv, sealedVector)).toEqual(new Uint8Array(16));
  });

  it('AES-256-GCM decryption answers null for a changed byte, a short key or a truncated tag', async () => {
    const changed = sealedVector.slice();
    changed[0]! ^= 1;
    expect(await aesGcmDecrypt(key, iv, changed)).toBeNull();
    expect(await aesGcmDecrypt(new Uint8Array(16), iv, sealedVector)).toBeNull();
    expect(await aesGcmDecrypt(key, iv, sealedVector.subarray(0, 15))).toBeNull();
  });

  it('PBKDF2 matches RFC 6070 (SHA-1) and RFC 7914 §11 (SHA-256)', async () => {
    expect(toHex(await pbkdf2('password', utf8('salt'), 1, 'SHA-1', 20))).toBe('0c60c80f961f0e71f3a9b524af6012062fe037a6');
    expect(toHex(await pbkdf2('passwd', utf8('salt'), 1, 'SHA-256', 64))).toBe(
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783',
    );
  });

  it('SHA-256 matches FIPS 180-2 ("abc")', async () => {
    expect(toHex(await sha256(utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
