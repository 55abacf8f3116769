import { describe, expect, it } from 'vitest';
import { makeDraft, type HashAlgorithm } from '@/lib/otp/account';
import { bytesToBase32 } from '@/lib/otp/base32';
import { generateCode, stepEndsAt } from '@/lib/otp/codes';

const ascii = (text: string) => bytesToBase32(new TextEncoder().encode(text));
// RFC 6238's reference code uses a seed sized to each hash (see FORMATS.md).
const SEEDS: Record<HashAlgorithm, string> = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};

describe('RFC 4226 Appendix D (HOTP)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  expected.forEach((code, counter) => {
    it(`counter ${counter} → ${code}`, () => {
      expect(generateCode(makeDraft({ type: 'hotp', secret: SEEDS.SHA1, counter }), 0)).toBe(code);
    });
  });
});

describe('RFC 6238 Appendix B (TOTP, 8 digits)', () => {
  const table: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  for (const [seconds, sha1, sha256, sha512] of table) {
    for (const [algorithm, code] of [['SHA1', sha1], ['SHA256', sha256], ['SHA512', sha512]] as const) {
      it(`${algorithm} at ${seconds}s → ${code}`, () => {
        const account = makeDraft({ secret: SEEDS[algorithm], algorithm, digits: 8 });
        expect(generateCode(account, seconds * 1000)).toBe(code);
      });
    }
  }
});

describe('other shapes', () => {
  it('uses the period: a 60 s step keeps its code for 60 s', () => {
    const account = makeDraft({ secret: SEEDS.SHA1, period: 60 });
    expect(generateCode(account, 60_000)).toBe(generateCode(account, 119_999));
    expect(generateCode(account, 60_000)).not.toBe(generateCode(account, 120_000));
    expect(stepEndsAt(account, 61_000)).toBe(120_000);
  });

  it('5 to 10 digits are truncations of the same value', () => {
    const ten = generateCode(makeDraft({ type: 'hotp', secret: SEEDS.SHA1, digits: 10 }), 0);
    // RFC 4226 Appendix D: counter 0's truncated value is 1284755224.
    expect(ten).toBe('1284755224');
    for (let digits = 5; digits <= 9; digits++) {
      expect(generateCode(makeDraft({ type: 'hotp', secret: SEEDS.SHA1, digits }), 0)).toBe(ten.slice(10 - digits));
    }
  });

  it('Steam codes are 5 characters from the Steam alphabet, computed from the truncated value', () => {
    // counter 0 of the RFC 4226 secret: truncated value 1284755224 → base-26 digits, least significant first.
    let value = 1284755224;
    let expected = '';
    for (let i = 0; i < 5; i++) {
      expected += '23456789BCDFGHJKMNPQRTVWXY'[value % 26];
      value = Math.floor(value / 26);
    }
    expect(generateCode(makeDraft({ type: 'steam', secret: SEEDS.SHA1, digits: 5 }), 0)).toBe(expected);
    expect(expected).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
  });
});
