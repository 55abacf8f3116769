import { createHmac } from 'node:crypto';

/**
 * An independent TOTP (RFC 6238) written from the RFC for tests, so the extension's codes are
 * checked against something other than its own code path.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error(`bad base32 ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function referenceHotp(secret: Buffer, counter: number, digits = 6, hash = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(hash, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

export function referenceTotp(base32Secret: string, timestampMs = Date.now(), { digits = 6, period = 30, hash = 'sha1' } = {}): string {
  return referenceHotp(base32Decode(base32Secret), Math.floor(timestampMs / 1000 / period), digits, hash);
}

/** The codes valid around now (previous, current, next step): a UI read can straddle a boundary. */
export function codesAroundNow(base32Secret: string, options: { digits?: number; period?: number; hash?: string } = {}): string[] {
  const period = (options.period ?? 30) * 1000;
  const now = Date.now();
  return [now - period, now, now + period].map((t) => referenceTotp(base32Secret, t, options));
}
