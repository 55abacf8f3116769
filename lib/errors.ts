/**
 * Errors a person will read. Each has a stable `code` that maps to exactly one message in
 * `public/_locales/<lang>/messages.json` (key `error_<code>`), and the structured `params` that message
 * formats (which account, how many characters). The English `detail` (the Error's message) says the
 * specifics for logs and for the CLI (scripts/ run in-process and print it); it never crosses the
 * messaging boundary: what crosses is {code, params}, and the UI formats it (lib/i18n.ts `errorText`).
 */
export const ERROR_CODES = [
  'wrong_passphrase',
  'rate_limited',
  'vault_locked',
  'vault_exists',
  'no_vault',
  'weak_passphrase',
  'damaged_record',
  'bad_base32',
  'bad_otpauth_uri',
  'bad_account',
  'not_found',
  'duplicate',
  'undo_expired',
  'forbidden',
  'unknown_format',
  'unsupported_format',
  'damaged_backup',
  'password_required',
  'invalid_entry',
  'not_otp_qr',
  'secret_too_long',
  'issuer_too_long',
  'name_too_long',
  'notes_too_long',
  'too_many_sites',
  'site_too_long',
  'too_many_recovery_codes',
  'recovery_code_too_long',
  'internal',
  'sync_bad_remote',
  'sync_tampered',
  'sync_offline',
  'sync_auth',
  'sync_server',
  'sync_quota',
  'sync_not_https',
  'sync_join_needed',
  // Codes that used to hide behind a generic one (bad_account, forbidden, bad_base32…):
  'secret_empty',
  'secret_too_short',
  'account_unnamed',
  'bad_algorithm',
  'bad_digits',
  'bad_period',
  'bad_counter',
  'not_a_site',
  'not_hotp',
  'unknown_kdf_preset',
  'unknown_sync_engine',
  'plain_export_unconfirmed',
  'wrong_backup_password',
  'weak_backup_password',
  'backup_needs_downloads',
  'sync_browser_full',
  'sync_browser_busy',
  'sync_setup_incomplete',
  'sync_bad_address',
  'sync_credentials_in_address',
  'enrol_refused',
  'request_expired',
  'preview_expired',
  'file_empty',
  'file_too_large',
  'unknown_json_list',
  'unknown_json_object',
  'unknown_text_file',
  'unknown_binary_file',
  'image_no_qr',
  'sync_write_limit',
  'uri_bad_encoding',
  'uri_migration_link',
  'uri_unsupported_type',
  'uri_unknown_type',
  'uri_no_secret',
  // The organisation's managed policy (lib/policy).
  'policy_forbids',
  'policy_upgrade_needed',
  // One entry of an imported file that cannot be read (the rest still import): lib/formats.
  'secret_not_hex',
  'secret_not_base64',
  'secret_not_bytes',
  'secret_bad_base',
  'secret_not_decrypted',
  'entry_damaged',
  'entry_in_trash',
  'entry_archived',
  'entry_encrypted_on_phone',
  'entry_sign_in_approval',
  'entry_without_code',
  'entry_bad_otp_field',
  'entry_not_a_link',
] as const;

export type AppErrorCode = (typeof ERROR_CODES)[number];

/** A value a message formats: a name, a count. */
export type MessageParam = string | number;

/**
 * The placeholders of each code's message, in the order of their `$1…$n` (the test in
 * tests/unit/errors.test.ts checks messages.json against this). Codes not listed take none.
 */
export const ERROR_PARAMS = {
  rate_limited: ['seconds'],
  weak_passphrase: ['min'],
  weak_backup_password: ['min'],
  bad_base32: ['character', 'position'],
  duplicate: ['name'],
  bad_algorithm: ['algorithm'],
  bad_digits: ['digits'],
  bad_period: ['period'],
  bad_counter: ['counter'],
  not_a_site: ['site'],
  unknown_kdf_preset: ['preset'],
  sync_browser_full: ['accounts', 'kilobytes'],
  enrol_refused: ['reason'],
  file_too_large: ['megabytes'],
  unknown_json_list: ['count'],
  unknown_json_object: ['keys'],
  unknown_text_file: ['start'],
  unknown_binary_file: ['bytes'],
  uri_unsupported_type: ['type'],
  uri_unknown_type: ['type'],
  secret_bad_base: ['base'],
  entry_in_trash: ['app'],
  entry_archived: ['app'],
  entry_not_a_link: ['start'],
} as const satisfies { readonly [C in AppErrorCode]?: readonly string[] };

type ParamNames<C extends AppErrorCode> = C extends keyof typeof ERROR_PARAMS ? (typeof ERROR_PARAMS)[C][number] : never;
export type ErrorParams<C extends AppErrorCode> = { readonly [K in ParamNames<C>]: MessageParam };
/** The constructor's tail: nothing for a code without placeholders, its params for one with. */
type ParamsArg<C extends AppErrorCode> = [ParamNames<C>] extends [never] ? [params?: Record<string, never>] : [params: ErrorParams<C>];

/** The placeholder names of a code's message, in order (empty when it has none). */
export function paramNamesOf(code: AppErrorCode): readonly string[] {
  return (ERROR_PARAMS as Partial<Record<AppErrorCode, readonly string[]>>)[code] ?? [];
}

export class AppError<C extends AppErrorCode = AppErrorCode> extends Error {
  readonly params: Readonly<Record<string, MessageParam>>;

  /** `detail`: English specifics for logs and the CLI only; `params`: what the code's message needs. */
  constructor(
    readonly code: C,
    detail: string,
    ...[params]: ParamsArg<C>
  ) {
    super(detail);
    this.name = 'AppError';
    this.params = params ?? {};
  }
}

/** What crosses the messaging boundary and what is stored (sync status): the code and its params, never English. */
export interface SerializedError {
  code: AppErrorCode;
  params?: Readonly<Record<string, MessageParam>>;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof AppError) return Object.keys(error.params).length ? { code: error.code, params: { ...error.params } } : { code: error.code };
  return { code: 'internal' };
}

/**
 * Rebuilt on the other side; its detail is the code (the English one stayed behind). A code this side does not
 * know reads as the generic message (lib/i18n.ts errorMessage); no list of codes is consulted here, so the
 * content script, which receives errors too, does not carry them all.
 */
export function deserializeError(data: SerializedError): AppError {
  const wellFormed = typeof data.code === 'string' && /^[a-z][a-z0-9_]{0,47}$/.test(data.code);
  const code: AppErrorCode = wellFormed ? data.code : 'internal';
  const params = code === data.code && data.params ? data.params : {};
  return appError(code, code, params);
}

/**
 * Importers say 'wrong_passphrase' for a backup's own password (one code for the domain); where a backup
 * file is opened, the person reads “Wrong password for this backup”, not the vault's “Wrong passphrase”.
 */
export function asBackupPasswordError(error: unknown): unknown {
  return error instanceof AppError && error.code === 'wrong_passphrase' ? new AppError('wrong_backup_password', error.message) : error;
}

/** An AppError from a code known only at run time (deserialized, re-coded): params are checked by the caller. */
export function appError(code: AppErrorCode, detail: string, params: Readonly<Record<string, MessageParam>> = {}): AppError {
  const Untyped = AppError as new (code: AppErrorCode, detail: string, params: Readonly<Record<string, MessageParam>>) => AppError;
  return new Untyped(code, detail, params);
}
