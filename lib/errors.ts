/**
 * Errors a person will read. Each has a stable `code` that maps to one message in
 * `public/_locales/<lang>/messages.json` (key `error_<code>`), and a `detail` with the specifics
 * (which record, which field) in English for logs and for the CLI.
 * They cross the messaging boundary as data ({code, message}) and are rebuilt on the other side.
 */
export type AppErrorCode =
  | 'wrong_passphrase'
  | 'rate_limited'
  | 'vault_locked'
  | 'vault_exists'
  | 'no_vault'
  | 'weak_passphrase'
  | 'damaged_record'
  | 'bad_base32'
  | 'bad_otpauth_uri'
  | 'bad_account'
  | 'not_found'
  | 'duplicate'
  | 'undo_expired'
  | 'forbidden'
  | 'unknown_format'
  | 'unsupported_format'
  | 'damaged_backup'
  | 'password_required'
  | 'invalid_entry'
  | 'not_otp_qr'
  | 'secret_too_long'
  | 'issuer_too_long'
  | 'name_too_long'
  | 'notes_too_long'
  | 'too_many_sites'
  | 'site_too_long'
  | 'too_many_recovery_codes'
  | 'recovery_code_too_long'
  | 'internal'
  | 'sync_bad_remote'
  | 'sync_tampered'
  | 'sync_offline'
  | 'sync_auth'
  | 'sync_server'
  | 'sync_quota'
  | 'sync_not_https'
  | 'sync_join_needed'
  | 'policy_forbids'
  | 'policy_upgrade_needed';

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface SerializedError {
  code: AppErrorCode;
  message: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

export function deserializeError(data: SerializedError): AppError {
  return new AppError(data.code, data.message);
}
