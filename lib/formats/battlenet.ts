import { AppError } from '@/lib/errors';
import { prefString } from './android-prefs';
import { draftFrom, hexToBytes, readEntries, shownText } from './common';
import type { Importer, ImportInput, ImportResult } from './types';

/**
 * Battle.net Authenticator (Android): `shared_prefs/com.blizzard.messenger.authenticator_preferences.xml`.
 * The device secret and serial are hex strings XOR-masked with a fixed key the app ships; unmasked, the secret
 * is itself hex (the HMAC-SHA1 key) and codes are 8 digits every 30 s. Learned from Aegis's BattleNetImporter.
 */
const SECRET = 'com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET';
const SERIAL = 'com.blizzard.messenger.AUTHENTICATOR_SERIAL';
const MASK = hexToBytes('398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a', 'mask');

function unmask(hex: string, what: string): string {
  const bytes = hexToBytes(hex, what);
  if (bytes.length > MASK.length) throw new AppError('damaged_backup', `The Battle.net file’s ${what} is longer than the app writes.`);
  return String.fromCharCode(...bytes.map((b, i) => b ^ (MASK[i] ?? 0)));
}

function valuesOf(input: ImportInput): { secret: string; serial: string } | null {
  const prefs = input.androidPrefs;
  const secret = prefs ? prefString(prefs, SECRET) : undefined;
  if (!prefs || secret === undefined) return null;
  return { secret, serial: prefString(prefs, SERIAL) ?? '' };
}

export const battleNetImporter: Importer = {
  id: 'battle.net',
  detect: (input: ImportInput) => (valuesOf(input) ? 'plain' : 'no'),
  async read(input: ImportInput): Promise<ImportResult> {
    const values = valuesOf(input);
    if (!values) throw new AppError('unknown_format', 'This is not a Battle.net Authenticator file.');
    const secretHex = unmask(values.secret, 'device secret');
    const serial = values.serial ? unmask(values.serial, 'serial') : '';
    const { accounts, skipped } = readEntries(
      [secretHex],
      (hex) => draftFrom({ issuer: 'Battle.net', name: serial, secretBytes: hexToBytes(hex, 'device secret'), digits: 8, period: 30 }),
      () => ({ issuer: 'Battle.net', name: shownText(serial) }),
    );
    return { format: { id: 'battlenet' }, accounts, skipped };
  },
};
