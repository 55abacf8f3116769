import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { normalizeBase32, base32ToBytes, bytesToBase32 } from '@/lib/otp/base32';
import { groupCode } from '@/lib/otp/format';
import { parseOtpauthUri, toOtpauthUri } from '@/lib/otp/uri';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('base32', () => {
  it('accepts spaces, dashes, lower case and padding', () => {
    expect(normalizeBase32(' jbsw y3dp-ehpk 3pxp== ')).toBe('JBSWY3DPEHPK3PXP');
  });
  it('names the bad character', () => {
    const error = errorOf(() => normalizeBase32('JBSWY3DPEHPK3PX1'));
    expect(error.code).toBe('bad_base32');
    expect(error.message).toContain('“1” at position 16');
  });
  it('refuses empty secrets', () => {
    expect(errorOf(() => normalizeBase32('  ')).code).toBe('secret_empty');
  });
  it('reads lengths that do not fill whole bytes by dropping the trailing bits, as Google Authenticator does', () => {
    // 11, 17 and 19 characters: seen in 2FAS iOS exports, 2FAS manual entries and Ente exports.
    expect(normalizeBase32('jbsw y3dp ehp')).toBe('JBSWY3DPEHP');
    expect([...base32ToBytes('JBSWY3DPEHP')]).toEqual([...new TextEncoder().encode('Hello!')]);
    expect(base32ToBytes('JBSWY3DPEHPK3PXPA')).toHaveLength(10);
    expect(base32ToBytes('JBSWY3DPEHPK3PXPABC')).toHaveLength(11);
    expect(base32ToBytes('JBSWY3DPE')).toHaveLength(5);
  });
  it('round-trips bytes (RFC 4648 vector "foobar")', () => {
    expect(bytesToBase32(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
    expect(new TextDecoder().decode(base32ToBytes('MZXW6YTBOI======'))).toBe('foobar');
  });
});

describe('parseOtpauthUri', () => {
  it('reads every parameter', () => {
    const draft = parseOtpauthUri('otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60');
    expect(draft).toMatchObject({ type: 'totp', issuer: 'ACME Co', name: 'john.doe@email.com', secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', algorithm: 'SHA256', digits: 8, period: 60 });
  });
  it('reads hotp with its counter', () => {
    expect(parseOtpauthUri('otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=42')).toMatchObject({ type: 'hotp', counter: 42, name: 'x', issuer: '' });
  });
  it('label forms: encoded colon, space after colon, no prefix', () => {
    expect(parseOtpauthUri('otpauth://totp/Example%3Aalice?secret=JBSWY3DPEHPK3PXP')).toMatchObject({ issuer: 'Example', name: 'alice' });
    expect(parseOtpauthUri('otpauth://totp/Example:%20alice?secret=JBSWY3DPEHPK3PXP')).toMatchObject({ issuer: 'Example', name: 'alice' });
    expect(parseOtpauthUri('otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=Example')).toMatchObject({ issuer: 'Example', name: 'alice' });
  });
  it('issuer parameter wins, and a conflicting label prefix stays visible in the name', () => {
    expect(parseOtpauthUri('otpauth://totp/Old:alice?secret=JBSWY3DPEHPK3PXP&issuer=New')).toMatchObject({ issuer: 'New', name: 'Old:alice' });
    expect(parseOtpauthUri('otpauth://totp/new:alice?secret=JBSWY3DPEHPK3PXP&issuer=New')).toMatchObject({ issuer: 'New', name: 'alice' });
  });
  it('reads Steam in all three spellings', () => {
    expect(parseOtpauthUri('otpauth://steam/Steam:bob?secret=JBSWY3DPEHPK3PXP')).toMatchObject({ type: 'steam', digits: 5 });
    expect(parseOtpauthUri('otpauth://totp/Steam:bob?secret=JBSWY3DPEHPK3PXP&encoder=steam')).toMatchObject({ type: 'steam', digits: 5 });
    expect(parseOtpauthUri('steam://JBSWY3DPEHPK3PXP')).toMatchObject({ type: 'steam', issuer: 'Steam' });
  });
  it.each([
    ['otpauth://totp/x?issuer=A', 'uri_no_secret', 'no secret'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PX1', 'bad_base32', 'not valid'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'bad_algorithm', 'Unsupported algorithm'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=4', 'bad_digits', 'Digits must be a whole number from 5 to 10'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=11', 'bad_digits', 'Digits must be a whole number from 5 to 10'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0', 'bad_period', 'period'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=six', 'bad_digits', 'whole number'],
    ['otpauth://xotp/x?secret=JBSWY3DPEHPK3PXP', 'uri_unknown_type', 'Unknown OTP type'],
    ['https://example.com/', 'bad_otpauth_uri', 'not an otpauth'],
    ['otpauth-migration://offline?data=abc', 'uri_migration_link', 'Google Authenticator export'],
    ['otpauth://totp/%E0%A4%A?secret=JBSWY3DPEHPK3PXP', 'uri_bad_encoding', 'URL-encoded'],
  ])('%s → %s', (uri, code, text) => {
    const error = errorOf(() => parseOtpauthUri(uri));
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
  });
  it('round-trips through toOtpauthUri', () => {
    for (const uri of [
      'otpauth://totp/A%20B:c%3Ad@e?secret=JBSWY3DPEHPK3PXP&issuer=A%20B&algorithm=SHA512&digits=7&period=45',
      'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=7',
      'otpauth://totp/Steam:bob?secret=JBSWY3DPEHPK3PXP&encoder=steam',
    ]) {
      const draft = parseOtpauthUri(uri);
      expect(parseOtpauthUri(toOtpauthUri(draft))).toEqual(draft);
    }
  });
});

describe('issuers that hold a colon (Gitea: “Gitea: Git with a cup of tea”)', () => {
  // Gitea sets the issuer to its APP_NAME (default "Gitea: Git with a cup of tea") and pquerna/otp writes the label
  // as issuer + ":" + account without escaping the issuer's own colon (routers/web/user/setting/security/2fa.go).
  const gitea = 'otpauth://totp/Gitea:%20Git%20with%20a%20cup%20of%20tea%20(https://git.example.org):alice?secret=JBSWY3DPEHPK3PXP&issuer=Gitea%3A%20Git%20with%20a%20cup%20of%20tea%20(https%3A%2F%2Fgit.example.org)';
  it('the issuer parameter takes its whole prefix off the label', () => {
    expect(parseOtpauthUri(gitea)).toMatchObject({ issuer: 'Gitea: Git with a cup of tea (https://git.example.org)', name: 'alice' });
    expect(parseOtpauthUri('otpauth://totp/Gitea%3A%20Git%20with%20a%20cup%20of%20tea%3Aalice?secret=JBSWY3DPEHPK3PXP&issuer=Gitea%3A%20Git%20with%20a%20cup%20of%20tea')).toMatchObject({ issuer: 'Gitea: Git with a cup of tea', name: 'alice' });
  });
  it('otpauth → account → otpauth is stable (the prefix is never repeated)', () => {
    for (const uri of [gitea, 'otpauth://totp/Old:alice?secret=JBSWY3DPEHPK3PXP&issuer=New', 'otpauth://totp/A:B:c?secret=JBSWY3DPEHPK3PXP&issuer=A%3AB', 'otpauth://totp/a:b:c?secret=JBSWY3DPEHPK3PXP']) {
      const once = toOtpauthUri(parseOtpauthUri(uri));
      const twice = toOtpauthUri(parseOtpauthUri(once));
      expect(twice).toBe(once);
      expect(parseOtpauthUri(twice)).toEqual(parseOtpauthUri(uri));
    }
  });
  it('without an issuer parameter the first colon ends the issuer (Key URI format)', () => {
    expect(parseOtpauthUri('otpauth://totp/a:b:c?secret=JBSWY3DPEHPK3PXP')).toMatchObject({ issuer: 'a', name: 'b:c' });
  });
});

describe('groupCode', () => {
  it.each([['12345', '12345'], ['123456', '123 456'], ['1234567', '123 4567'], ['12345678', '1234 5678'], ['123456789', '123 456 789'], ['1234567890', '12345 67890'], ['BCDFG', 'BCDFG']])('%s → %s', (code, grouped) => {
    expect(groupCode(code)).toBe(grouped);
  });
});
