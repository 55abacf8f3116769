import { AppError } from '@/lib/errors';
import { InvalidEntry, isObject, jsonOf, str, textOf } from './common';
import type { Importer, ImportInput } from './types';
import { isLinkList, readLinks, type AdaptLink } from './uri-list';

/**
 * Ente Auth. Its plain export is one otpauth:// link per line (some quoted) with an extra `codeDisplay`
 * parameter, JSON such as `{"pinned":false,"trashed":false,"tags":[],"note":""}`. Its encrypted export
 * (`{version, kdfParams, encryptedData, encryptionNonce}`) uses libsodium (Argon2id + XChaCha20-Poly1305
 * secretstream), which WebCrypto cannot open: we recognise it only to say what to do instead.
 */
function isEncryptedExport(json: unknown): boolean {
  return isObject(json) && 'encryptedData' in json && ('kdfParams' in json || 'encryptionNonce' in json);
}

function isPlainExport(bytes: Uint8Array): boolean {
  return isLinkList(bytes) && /[?&]codeDisplay=/.test(textOf(bytes) ?? '');
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
  if (display.trashed === true) throw new InvalidEntry('it is in Ente’s trash');
  return { ...draft, pinned: display.pinned === true, notes: str(display.note).slice(0, 10_000) || draft.notes };
};

export const enteImporter: Importer = {
  id: 'ente',
  detect(input: ImportInput) {
    if (isEncryptedExport(jsonOf(input.bytes))) return 'encrypted';
    return isPlainExport(input.bytes) ? 'plain' : 'no';
  },
  async read(input: ImportInput) {
    if (isEncryptedExport(jsonOf(input.bytes))) {
      throw new AppError(
        'unsupported_format',
        'This is an encrypted Ente Auth export. It uses libsodium’s XChaCha20 encryption, which the browser’s WebCrypto cannot open: in Ente Auth choose Data → Export codes → Plain text, import that file, then delete it.',
      );
    }
    if (!isPlainExport(input.bytes)) throw new AppError('unknown_format', 'This is not an Ente Auth export.');
    return readLinks(textOf(input.bytes) ?? '', 'Ente Auth export (plain)', adaptEnteLink);
  },
};
