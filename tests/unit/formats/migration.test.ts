import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { importBackup } from '@/lib/formats';
import { makeDraft } from '@/lib/otp/account';
import { decodeMigrationLink, encodeMigrationLink } from '@/lib/otp/migration';
import { essentials, reference } from './helpers';

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
    expect(result.skipped).toEqual([{ label: 'entry 1 (“old”)', reason: 'MD5 accounts are not supported' }]);
  });

  it('refuses damaged data with a specific message', () => {
    for (const bad of ['otpauth-migration://offline?data=%%%', 'otpauth-migration://offline?data=CgUKAw', 'otpauth-migration://offline']) {
      expect(() => decodeMigrationLink(bad)).toThrow(AppError);
    }
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
