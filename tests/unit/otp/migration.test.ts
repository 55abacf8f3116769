import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { importBackup } from '@/lib/formats';
import { makeDraft } from '@/lib/otp/account';
import { decodeMigrationLink, encodeMigrationLink } from '@/lib/otp/migration';
import { essentials, reference, REFERENCE } from '../formats/helpers';

/** Protobuf written by hand from FORMATS.md, independently of the project's encoder. */
function varint(n: bigint): number[] {
  let v = BigInt.asUintN(64, n);
  const out: number[] = [];
  do {
    out.push(Number(v & 0x7fn) | (v > 0x7fn ? 0x80 : 0));
    v >>= 7n;
  } while (v);
  return out;
}
const len = (field: number, bytes: number[]) => [(field << 3) | 2, ...varint(BigInt(bytes.length)), ...bytes];
const num = (field: number, value: bigint) => [(field << 3) | 0, ...varint(value)];
const ascii = (text: string) => Array.from(new TextEncoder().encode(text));

function link(bytes: number[]): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;
}

describe('Google Authenticator export links', () => {
  // "Hello!\xde\xad\xbe\xef" is the usual example secret: base32 JBSWY3DPEHPK3PXP.
  const secret = [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];

  it('decodes every field, defaults and a negative batch id', () => {
    const otp1 = [...len(1, secret), ...len(2, ascii('alice@example.com')), ...len(3, ascii('Example')), ...num(4, 2n), ...num(5, 2n), ...num(6, 2n)];
    const otp2 = [...len(1, secret), ...len(2, ascii('Corp:bob')), ...num(6, 1n), ...num(7, 42n)];
    const payload = [...len(1, otp1), ...len(1, otp2), ...num(2, 1n), ...num(3, 2n), ...num(4, 1n), ...num(5, -123456789n), ...len(9, [1, 2, 3])];
    const result = decodeMigrationLink(link(payload));
    expect(result.batch).toEqual({ id: -123456789, index: 1, size: 2 });
    expect(result.accounts.map(essentials)).toEqual([
      essentials(makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Example', name: 'alice@example.com', algorithm: 'SHA256', digits: 8 })),
      essentials(makeDraft({ type: 'hotp', secret: 'JBSWY3DPEHPK3PXP', issuer: 'Corp', name: 'bob', counter: 42 })),
    ]);
  });

  it('puts back a raw “+” that URL decoding would turn into a space', () => {
    // Find a secret whose payload's base64 has a '+' (the alignment depends on the bytes before it).
    const payloadOf = (byte: number) => [...len(1, [...len(1, Array(10).fill(byte) as number[]), ...len(2, ascii('x'))])];
    const byte = [...Array(256).keys()].find((b) => Buffer.from(payloadOf(b)).toString('base64').includes('+'))!;
    const payload = payloadOf(byte);
    const base64 = Buffer.from(payload).toString('base64');
    expect(base64).toContain('+');
    const result = decodeMigrationLink(`otpauth-migration://offline?data=${base64}`);
    expect(result.accounts).toHaveLength(1);
  });

  it('skips MD5 entries with a reason and keeps the others', () => {
    const payload = [...len(1, [...len(1, secret), ...len(2, ascii('old')), ...num(4, 4n)]), ...len(1, [...len(1, secret), ...len(2, ascii('new'))])];
    const result = decodeMigrationLink(link(payload));
    expect(result.accounts.map((a) => a.name)).toEqual(['new']);
    expect(result.skipped).toEqual([{ position: 1, name: 'old', error: { code: 'bad_algorithm', params: { algorithm: 'MD5' } } }]);
  });

  it('refuses damaged data with a specific message', () => {
    const cases: [string, string][] = [
      ['otpauth-migration://offline?data=%%%', 'the data is not properly URL-encoded'],
      ['otpauth-migration://offline?data=*not*base64*', 'the data is not base64'],
      ['otpauth-migration://offline', 'it is not an otpauth-migration://offline link'],
      ['otpauth-migration://offline?version=1', 'the link has no data'],
      [link([...len(1, [1, 2])].slice(0, 3)), 'a field is longer than the data'],
      [link([0x08, 0x80]), 'a number is cut off'],
      [link([0x0b]), 'unknown field type 3'],
      [link([0x08, ...Array(11).fill(0xff) as number[], 0x01]), 'a number is too long'],
    ];
    for (const [bad, why] of cases) {
      let error: unknown;
      try {
        decodeMigrationLink(bad);
      } catch (caught) {
        error = caught;
      }
      expect(error, bad).toBeInstanceOf(AppError);
      expect((error as AppError).code, bad).toBe('bad_otpauth_uri');
      expect((error as AppError).message, bad).toBe(`This Google Authenticator export is damaged: ${why}.`);
    }
  });

  it('reads a batch id sent as a 10-byte varint (negative int32) as signed', () => {
    const minusOne = num(5, -1n);
    expect(minusOne).toHaveLength(11); // key + 10 bytes
    expect(decodeMigrationLink(link([...num(3, 1n), ...minusOne])).batch).toEqual({ id: -1, index: 0, size: 1 });
    expect(decodeMigrationLink(link(num(5, -2147483648n))).batch.id).toBe(-2147483648);
  });

  it('reads data whose “+” was already turned into a space by URL decoding', () => {
    const payload = [...len(1, [...len(1, Array(10).fill(0xfb) as number[]), ...len(2, ascii('x'))])];
    const base64 = Buffer.from(payload).toString('base64');
    expect(base64).toContain('+');
    const spaced = `otpauth-migration://offline?data=${base64.replace(/\+/g, ' ')}`;
    expect(decodeMigrationLink(spaced).accounts.map((a) => a.secret)).toEqual(decodeMigrationLink(link(payload)).accounts.map((a) => a.secret));
  });

  it('splits “issuer:account” names only when the issuer is empty or is that prefix', () => {
    const otp = (name: string, issuer: string) => len(1, [...len(1, secret), ...len(2, ascii(name)), ...len(3, ascii(issuer))]);
    const result = decodeMigrationLink(link([...otp('Mail: ann', ''), ...otp('Mail:bob', 'Mail'), ...otp('Work:carl', 'Mail')]));
    expect(result.accounts.map((a) => [a.issuer, a.name])).toEqual([
      ['Mail', 'ann'],
      ['Mail', 'bob'],
      ['Mail', 'Work:carl'],
    ]);
  });

  it('our encoder writes exactly the protobuf of the format description', () => {
    const account = makeDraft({ type: 'hotp', secret: 'JBSWY3DPEHPK3PXP', issuer: 'Ex', name: 'al', algorithm: 'SHA512', digits: 8, counter: 300 });
    const otp = [...len(1, secret), ...len(2, ascii('al')), ...len(3, ascii('Ex')), ...num(4, 3n), ...num(5, 2n), ...num(6, 1n), ...num(7, 300n)];
    const expected = [...len(1, otp), ...num(2, 1n), ...num(3, 2n), ...num(4, 1n), ...num(5, -9n)];
    expect(encodeMigrationLink([account], { id: -9, index: 1, size: 2 })).toBe(link(expected));
  });

  it('the encoder refuses accounts Google Authenticator cannot hold, naming them', () => {
    const byIssuer = (issuer: string) => REFERENCE.find((a) => a.issuer === issuer)!;
    expect(() => encodeMigrationLink([byIssuer('SPDX')])).toThrow('“SPDX: James” cannot be exported to Google Authenticator: Google Authenticator holds only 6 or 8 digits, not 7.');
    expect(() => encodeMigrationLink([byIssuer('Boeing')])).toThrow(/Boeing: Sophia.*no Steam accounts/);
    expect(() => encodeMigrationLink([{ ...byIssuer('Deno'), period: 60 }])).toThrow(/only a 30-second period, not 60 s/);
  });

  it('round-trips through our encoder and imports as a link list across batches', async () => {
    const accounts = reference(['Deno', 'Issuu']).map((a) => makeDraft(a));
    const first = encodeMigrationLink([accounts[0]!], { id: -5, index: 0, size: 2 });
    const second = encodeMigrationLink([accounts[1]!], { id: -5, index: 1, size: 2 });
    expect(decodeMigrationLink(first).batch).toEqual({ id: -5, index: 0, size: 2 });
    const result = await importBackup({ bytes: new TextEncoder().encode(`${first}\n${second}\n`) });
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno', 'Issuu']));
  });
});
