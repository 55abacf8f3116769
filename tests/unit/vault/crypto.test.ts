import { describe, expect, it } from 'vitest';
import { utf8, fromUtf8, randomBytes } from '@/lib/vault/bytes';
import { DecryptionFailed, importAesKey, open, seal } from '@/lib/vault/crypto';

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
