import { AppError, type AppErrorCode } from '@/lib/errors';
import { errorText, t } from '@/lib/i18n';

/** An error as the form shows it: one plain sentence, and the technical specifics on a detail line. */
export interface FormError {
  text: string;
  detail?: string;
}

/** Codes that say what is wrong with the secret the person typed or pasted. */
const SECRET_CODES: ReadonlySet<AppErrorCode> = new Set(['bad_base32', 'secret_empty', 'secret_too_short']);

function isSecretError(error: unknown): error is AppError {
  return error instanceof AppError && SECRET_CODES.has(error.code);
}

export function formError(error: unknown): FormError {
  if (isSecretError(error)) return { text: t('error_bad_secret'), detail: errorText(error) };
  return { text: errorText(error) };
}

/** Which field of the add form an error is about, so it can sit next to that field. */
export function addFormField(error: unknown, mode: 'uri' | 'manual'): 'uri' | 'secret' | 'form' {
  if (mode === 'uri') return 'uri';
  if (isSecretError(error)) return 'secret';
  return 'form';
}
