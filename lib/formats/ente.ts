import { argon2id } from 'hash-wasm';
import sodium from 'libsodium-wrappers';
import { AppError } from '@/lib/errors';
import { base64ToBytes, InvalidEntry, isObject, requirePassword, str, type JsonObject } from './common';
import { utf8OrNull } from '@/lib/vault/bytes';
import type { Importer, ImportInput } from './types';
import { isLinkList, readLinks, type AdaptLink } from './uri-list';

/**
 * Ente Auth. Its plain export is one otpauth:// link per line (some quoted) with an extra `codeDisplay`
 * parameter, JSON such as `{"pinned":false,"trashed":false,"tags":[],"note":""}`. Its encrypted export
 * (`{version: 1, kdfParams: {memLimit (bytes), opsLimit, salt}, encryptedData, encryptionNonce}`, documented in
 * ente-io/ente docs/docs/auth/migration/export.md) holds that text sealed with libsodium: key = crypto_pwhash
 * Argon2id13 (t = opsLimit, m = memLimit, p = 1, 32 bytes; hash-wasm here), one XChaCha20-Poly1305 secretstream
 * message whose header is `encryptionNonce` (libsodium-wrappers, which has no pwhash in its standard build).
 */
function isEncryptedExport(json: unknown): json is JsonObject {
  return isObject(json) && 'encryptedData' in json && ('kdfParams' in json || 'encryptionNonce' in json);
}

/** Costs a file may ask for: libsodium's own bounds for Argon2id, capped at 1 GiB so a crafted file cannot hang the page. */
function kdfOf(json: JsonObject): { opsLimit: number; memLimit: number; salt: Uint8Array } {
  const params = isObject(json.kdfParams) ? json.kdfParams : {};
  const { opsLimit, memLimit } = params;
  if (typeof opsLimit !== 'number' || !Number.isInteger(opsLimit) || opsLimit < 1 || opsLimit > 20) throw new AppError('damaged_backup', `The Ente export's Argon2 pass count (${str(opsLimit).slice(0, 12) || 'missing'}) is outside 1–20.`);
  if (typeof memLimit !== 'number' || !Number.isInteger(memLimit) || memLimit < 8192 || memLimit > 1024 ** 3) throw new AppError('damaged_backup', `The Ente export's Argon2 memory (${str(memLimit).slice(0, 12) || 'missing'} bytes) is outside 8 KiB–1 GiB.`);
  const salt = base64ToBytes(params.salt, 'salt');
  if (salt.length !== 16) throw new AppError('damaged_backup', 'The Ente export\'s salt is not 16 bytes.');
  return { opsLimit, memLimit, salt };
}

async function openEncryptedExport(json: JsonObject, password: string): Promise<string> {
  if (json.version !== 1) throw new AppError('unsupported_format', `This is an encrypted Ente Auth export of version ${str(json.version).slice(0, 10) || '?'}; we read version 1.`);
  const { opsLimit, memLimit, salt } = kdfOf(json);
  const header = base64ToBytes(json.encryptionNonce, 'nonce');
  const sealed = base64ToBytes(json.encryptedData, 'encrypted data');
  await sodium.ready;
  if (header.length !== sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES) throw new AppError('damaged_backup', 'The Ente export\'s nonce has the wrong length.');
  const key = await argon2id({ password, salt, iterations: opsLimit, memorySize: Math.floor(memLimit / 1024), parallelism: 1, hashLength: 32, outputType: 'binary' });
  let opened: { message: Uint8Array; tag: number } | false = false;
  try {
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
    opened = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, null);
  } catch {
    opened = false;
  }
  // Poly1305 cannot tell a wrong password from a changed file: both fail authentication.
  if (!opened) throw new AppError('wrong_passphrase', 'Wrong password for this Ente Auth export (or the file was changed).');
  const text = utf8OrNull(opened.message);
  if (text === null) throw new AppError('damaged_backup', 'The Ente export decrypted, but is not text.');
  return text;
}

function isPlainExport(text: string | null): boolean {
  return isLinkList(text) && /[?&]codeDisplay=/.test(text ?? '');
}

/** Ente's `codeDisplay`, or null when the link has none or it is not JSON (then it is only display data lost). */
function codeDisplayOf(link: string): Record<string, unknown> | null {
  const raw = /[?&]codeDisplay=([^&#]*)/.exec(link)?.[1];
  if (raw === undefined) return null;
  try {
    const value: unknown = JSON.parse(decodeURIComponent(raw.replace(/\+/g, ' ')));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

const adaptEnteLink: AdaptLink = (draft, link) => {
  const display = codeDisplayOf(link);
  if (!display) return draft;
  // A code in Ente's trash was deleted by the person: bringing it back would undo that.
  if (display.trashed === true) throw new InvalidEntry('entry_in_trash', 'it is in Ente’s trash', { app: 'Ente' });
  return { ...draft, pinned: display.pinned === true, notes: str(display.note).slice(0, 10_000) || draft.notes };
};

export const enteImporter: Importer = {
  id: 'ente',
  detect(input: ImportInput) {
    if (isEncryptedExport(input.json)) return 'encrypted';
    return isPlainExport(input.text) ? 'plain' : 'no';
  },
  async read(input: ImportInput, password?: string) {
    const json = input.json;
    if (isEncryptedExport(json)) {
      const text = await openEncryptedExport(json, requirePassword(password, 'Ente Auth'));
      return readLinks(text, { id: 'ente', encrypted: true }, adaptEnteLink);
    }
    if (!isPlainExport(input.text)) throw new AppError('unknown_format', 'This is not an Ente Auth export.');
    return readLinks(input.text ?? '', { id: 'ente', encrypted: false }, adaptEnteLink);
  },
};
