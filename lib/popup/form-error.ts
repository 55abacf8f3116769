import { AppError } from '@/lib/errors';
import { errorText, t } from '@/lib/i18n';

/** An error as the form shows it: one plain sentence, and the technical specifics on a detail line. */
export interface FormError {
  text: string;
  detail?: string;
}

/** The prefix the link parser puts before the key's own message: said once, not twice. */
const LINK_PREFIX = /^The link['’]s secret is not valid:\s*/;

export function formError(error: unknown): FormError {
  if (error instanceof AppError && error.code === 'bad_base32') {
    return { text: t('error_bad_secret'), detail: error.message.replace(LINK_PREFIX, '') };
  }
  return { text: errorText(error) };
}

/** Which field of the add form an error is about, so it can sit next to that field. */
export function addFormField(error: unknown, mode: 'uri' | 'manual'): 'uri' | 'secret' | 'form' {
  if (mode === 'uri') return 'uri';
  if (error instanceof AppError && error.code === 'bad_base32') return 'secret';
  return 'form';
}
