import { AppError } from '@/lib/errors';
import { isObject, jsonOf } from './common';
import type { Importer, ImportInput } from './types';

/**
 * Ente Auth's encrypted export: libsodium (Argon2id + XChaCha20-Poly1305 secretstream), which WebCrypto
 * cannot open. Its plain export is a link list (uri-list.ts reads it). This importer only recognises the
 * encrypted file to say clearly what to do instead.
 */
export const enteEncryptedImporter: Importer = {
  id: 'ente-encrypted',
  detect(input: ImportInput) {
    const json = jsonOf(input.bytes);
    return isObject(json) && 'encryptedData' in json && ('kdfParams' in json || 'encryptionNonce' in json) ? 'encrypted' : 'no';
  },
  async read() {
    throw new AppError(
      'unsupported_format',
      'This is an encrypted Ente Auth export. It uses libsodium’s XChaCha20 encryption, which browsers cannot open: in Ente Auth choose Data → Export codes → Plain text, import that file, then delete it.',
    );
  },
};
