import type { FormError } from '@/lib/popup/form-error';

/**
 * An error shown under the field it is about. The field points at it with aria-describedby and is
 * marked aria-invalid (see `invalidProps`), so a screen reader reads it with the field.
 */
export function FieldError({ id, error }: { id: string; error: FormError | string | null }) {
  if (!error) return null;
  const { text, detail } = typeof error === 'string' ? { text: error, detail: undefined } : error;
  return (
    <p id={id} class="error field-error" role="alert">
      {text}
      {detail && <span class="error-detail">{detail}</span>}
    </p>
  );
}

/** The attributes of a field that `error` (if any) is about; `help` is the field's own help text id. */
export function invalidProps(id: string, error: unknown, help?: string) {
  const describedBy = [help, error ? id : undefined].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? (true as const) : undefined, 'aria-describedby': describedBy || undefined };
}
