import { AppError } from '@/lib/errors';
import { labelIcon } from '@/lib/icons/icon';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { base64ToBytes, draftFrom, entryPlace, isObject, readEntries, requirePassword, str, type JsonObject } from './common';
import { aesGcmDecrypt, pbkdf2 } from '@/lib/vault/crypto';
import type { Importer, ImportInput, ImportResult } from './types';

/** Schema versions we read: 1 (TOTP only, defaults) to 4 (the current one). */
const NEWEST_SCHEMA = 4;
const PBKDF2_ITERATIONS = 10_000;

function isTwofas(json: unknown): json is JsonObject {
  return isObject(json) && Array.isArray(json.services) && ('schemaVersion' in json || 'servicesEncrypted' in json || 'appVersionCode' in json || 'groups' in json);
}

function serviceToDraft(service: unknown) {
  if (!isObject(service)) throw new AppError('invalid_entry', 'not an object');
  const otp = isObject(service.otp) ? service.otp : {};
  // Older schemas put `Issuer:account` in the label; the account field is newer.
  const label = str(otp.label);
  const colon = label.indexOf(':');
  // Entries added from a link may keep their names only in that link (`otp.link`).
  const linked = namesOfLink(otp.link);
  const name = str(otp.account) || (colon >= 0 ? label.slice(colon + 1) : label) || linked.name;
  const issuer = str(otp.issuer) || str(service.name) || (colon >= 0 ? label.slice(0, colon) : '') || linked.issuer;
  const draft = draftFrom({ type: otp.tokenType ?? 'TOTP', issuer, name, secret: service.secret, algorithm: otp.algorithm, digits: otp.digits, period: otp.period, counter: otp.counter });
  const icon = labelOf(service.icon);
  return icon ? { ...draft, icon } : draft;
}

/**
 * 2FAS's "Label" icon (up to two letters on a colour) is kept as our label avatar. Its other kind points into
 * the app's own icon collection by id; we never ask an icon service for it, so those entries get the letter avatar.
 */
function labelOf(icon: unknown) {
  if (!isObject(icon) || icon.selected !== 'Label' || !isObject(icon.label)) return null;
  return labelIcon(icon.label.text, icon.label.backgroundColor);
}

/** Issuer and name of a 2FAS entry's own `otpauth://` link; empty when there is none or it does not parse. */
function namesOfLink(link: unknown): { issuer: string; name: string } {
  if (typeof link !== 'string' || !/^otpauth:\/\//i.test(link)) return { issuer: '', name: '' };
  try {
    const draft = parseOtpauthUri(link);
    return { issuer: draft.issuer, name: draft.name };
  } catch {
    return { issuer: '', name: '' };
  }
}

/** `servicesEncrypted` and `reference`: base64(ciphertext + tag) : base64(salt) : base64(iv). */
function splitSealed(text: unknown, what: string): { data: Uint8Array; salt: Uint8Array; iv: Uint8Array } {
  const parts = typeof text === 'string' ? text.split(':') : [];
  if (parts.length !== 3) throw new AppError('damaged_backup', `The 2FAS backup's ${what} is not in the expected ciphertext:salt:iv form.`);
  return { data: base64ToBytes(parts[0], what), salt: base64ToBytes(parts[1], `${what} salt`), iv: base64ToBytes(parts[2], `${what} IV`) };
}

async function decryptServices(json: JsonObject, password: string): Promise<unknown[]> {
  const services = splitSealed(json.servicesEncrypted, 'encrypted services');
  const key = await pbkdf2(password, services.salt, PBKDF2_ITERATIONS, 'SHA-256');
  if (json.reference !== undefined) {
    // The reference is a known text sealed under the same password: it tells a wrong password from damage.
    const reference = splitSealed(json.reference, 'password check');
    const referenceKey = reference.salt.join() === services.salt.join() ? key : await pbkdf2(password, reference.salt, PBKDF2_ITERATIONS, 'SHA-256');
    if (!(await aesGcmDecrypt(referenceKey, reference.iv, reference.data))) throw new AppError('wrong_passphrase', 'Wrong password for this 2FAS backup.');
  }
  const plaintext = await aesGcmDecrypt(key, services.iv, services.data);
  if (!plaintext) {
    throw json.reference !== undefined
      ? new AppError('damaged_backup', 'The 2FAS backup was changed or damaged: authentication of its accounts failed.')
      : new AppError('wrong_passphrase', 'Wrong password for this 2FAS backup (or the file was changed).');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(plaintext));
  } catch {
    throw new AppError('damaged_backup', 'The 2FAS backup decrypted, but its accounts are not JSON.');
  }
  if (!Array.isArray(parsed)) throw new AppError('damaged_backup', 'The 2FAS backup decrypted, but holds no list of accounts.');
  return parsed;
}

export const twofasImporter: Importer = {
  id: '2fas',
  detect(input: ImportInput) {
    const json = input.json;
    if (!isTwofas(json)) return 'no';
    return typeof json.servicesEncrypted === 'string' && json.servicesEncrypted ? 'encrypted' : 'plain';
  },
  async read(input: ImportInput, password?: string): Promise<ImportResult> {
    const json = input.json;
    if (!isTwofas(json)) throw new AppError('unknown_format', 'This is not a 2FAS backup.');
    const schema = json.schemaVersion === undefined ? 1 : Number(json.schemaVersion);
    if (!Number.isInteger(schema) || schema < 1) throw new AppError('damaged_backup', `This 2FAS backup has an unreadable schema version (${str(json.schemaVersion).slice(0, 20)}).`);
    if (schema > NEWEST_SCHEMA) throw new AppError('unsupported_format', `This is a 2FAS backup of schema ${schema}, which is newer than we read (1–${NEWEST_SCHEMA}).`);
    const encrypted = typeof json.servicesEncrypted === 'string' && json.servicesEncrypted !== '';
    const services = encrypted ? await decryptServices(json, requirePassword(password, '2FAS')) : (json.services as unknown[]);
    // 2FAS keeps the person's order in `order.position`.
    const position = (s: unknown) => (isObject(s) && isObject(s.order) && typeof s.order.position === 'number' ? s.order.position : Number.MAX_SAFE_INTEGER);
    const ordered = services.map((s, i) => ({ s, i })).sort((a, b) => position(a.s) - position(b.s) || a.i - b.i).map((x) => x.s);
    const { accounts, skipped } = readEntries(ordered, serviceToDraft, (s, i) => (isObject(s) ? entryPlace(i, s.name, isObject(s.otp) ? s.otp.account : '') : entryPlace(i)));
    return { format: { id: '2fas', version: String(schema), encrypted }, accounts, skipped };
  },
};
