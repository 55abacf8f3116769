import { HOTP, Secret } from 'otpauth';
import type { OtpParameters } from './account';

const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/** The counter (time step) a TOTP/Steam account uses at `nowMs`. */
export function stepAt(params: Pick<OtpParameters, 'period'>, nowMs: number): number {
  return Math.floor(nowMs / 1000 / params.period);
}

/** Milliseconds at which the step containing `nowMs` ends. */
export function stepEndsAt(params: Pick<OtpParameters, 'period'>, nowMs: number): number {
  return (stepAt(params, nowMs) + 1) * params.period * 1000;
}

/**
 * The code of an account at `nowMs` (TOTP, Steam) or at its stored counter (HOTP).
 * HMAC and truncation come from `otpauth`; Steam uses the same HMAC with its own alphabet.
 */
export function generateCode(params: OtpParameters, nowMs: number): string {
  const secret = Secret.fromBase32(params.secret);
  if (params.type === 'hotp') {
    return HOTP.generate({ secret, algorithm: params.algorithm, digits: params.digits, counter: params.counter });
  }
  const counter = stepAt(params, nowMs);
  if (params.type === 'steam') return steamCode(secret, counter);
  return HOTP.generate({ secret, algorithm: params.algorithm, digits: params.digits, counter });
}

/**
 * Steam Guard: the 31-bit truncated value without `mod 10^n`. With 10 digits `otpauth` returns
 * `value mod 10^10`, and the value is < 2^31 < 10^10, so this is the truncated value itself.
 */
function steamCode(secret: Secret, counter: number): string {
  let value = Number(HOTP.generate({ secret, algorithm: 'SHA1', digits: 10, counter }));
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return out;
}
