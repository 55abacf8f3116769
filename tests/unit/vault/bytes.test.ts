import { describe, expect, it } from 'vitest';
import { concatBytes, fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8, utf8OrNull } from '@/lib/vault/bytes';

describe('bytes: the one home of encodings', () => {
  it('hex round-trips, reads either case and refuses odd or non-hex text', () => {
    expect(toHex(Uint8Array.of(0, 1, 0xab, 0xff))).toBe('0001abff');
    expect(fromHex('0001ABff')).toEqual(Uint8Array.of(0, 1, 0xab, 0xff));
    expect(fromHex('')).toEqual(new Uint8Array(0));
    expect(() => fromHex('abc')).toThrow();
    expect(() => fromHex('zz')).toThrow();
  });

  it('base64 matches RFC 4648 §10 vectors and survives large inputs', () => {
    expect(toBase64(utf8('foobar'))).toBe('Zm9vYmFy');
    expect(toBase64(utf8('fo'))).toBe('Zm8=');
    expect(fromUtf8(fromBase64('Zm9vYg=='))).toBe('foob');
    const big = Uint8Array.from({ length: 100_000 }, (_, i) => i % 251);
    expect(fromBase64(toBase64(big))).toEqual(big);
    expect(() => fromBase64('*')).toThrow();
  });

  it('utf8OrNull drops a byte-order mark and answers null for malformed UTF-8', () => {
    expect(utf8OrNull(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('a');
    expect(utf8OrNull(Uint8Array.of(0xc3, 0x28))).toBeNull();
    expect(() => fromUtf8(Uint8Array.of(0xc3, 0x28))).toThrow();
  });

  it('concatBytes joins in order into a fresh buffer', () => {
    const a = Uint8Array.of(1, 2);
    const joined = concatBytes(a, new Uint8Array(0), Uint8Array.of(3));
    expect(joined).toEqual(Uint8Array.of(1, 2, 3));
    joined[0] = 9;
    expect(a[0]).toBe(1);
  });
});
