import { AppError } from '@/lib/errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Canonical base32 of what a person typed or pasted: spaces, dashes and `=` padding removed,
 * upper case. Throws `bad_base32` naming the first bad character, so the person can fix it.
 */
export function normalizeBase32(text: string): string {
  const clean = text.replace(/[\s\-=]/g, '').toUpperCase();
  if (!clean) throw new AppError('secret_empty', 'The secret is empty.');
  for (let i = 0; i < clean.length; i++) {
    const char = clean[i] ?? '';
    if (!ALPHABET.includes(char)) {
      const digit = char === '0' || char === '1' || char === '8' || char === '9';
      const hint = digit ? ' (base32 has no 0, 1, 8 or 9; did you mean O, I, B or g?)' : '';
      throw new AppError('bad_base32', `The secret is not valid base32: “${char}” at position ${i + 1}${hint}.`, { character: char, position: i + 1 });
    }
  }
  // Lengths 1, 3 and 6 (mod 8) do not fill whole bytes; Google Authenticator, Aegis and Proton read them by
  // dropping the trailing bits, and 2FAS and Ente export such secrets, so we read them the same way.
  if (clean.length < 8) throw new AppError('secret_too_short', 'The secret is too short (fewer than 5 bytes).');
  return clean;
}

/** The secret's bytes; trailing bits that do not fill a byte are dropped (as the otpauth library does). */
export function base32ToBytes(base32: string): Uint8Array {
  const clean = normalizeBase32(base32);
  const out = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    value = ((value << 5) | ALPHABET.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}

export function bytesToBase32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
