import type { SerializedError } from '@/lib/errors';
import type { EntryPlace, ImportFormat, ImportFormatId } from './types';

/**
 * How an import's format and its skipped entries are worded, from `_locales` messages only: the page passes
 * the browser's i18n (lib/i18n.ts), the CLI the English catalogue (scripts/backup.ts). Pure, so both can.
 */
export type Translate = (key: string, substitutions?: string[]) => string;

/** The message naming a format (one per id; tests/unit/formats/wording.test.ts checks every id has one). */
export function formatMessageKey(id: ImportFormatId): string {
  return `import_format_${id.replace(/-/g, '_')}`;
}

/** What a format's own message shows as `$1`: its version, or the kind of image. Formats not listed take none. */
export const FORMAT_NAME_PARAM: { readonly [I in ImportFormatId]?: 'version' | 'image' } = {
  aegis: 'version',
  '2fas': 'version',
  keepass: 'version',
  'image-link': 'image',
  'image-google-export': 'image',
};

/** “Aegis vault, content version 2, encrypted”: the format's message, then what else the file said. */
export function formatName(format: ImportFormat, tr: Translate): string {
  const param = FORMAT_NAME_PARAM[format.id];
  const shown = param ? format[param] : undefined;
  let name = tr(formatMessageKey(format.id), param ? [shown ?? '?'] : undefined);
  if (format.version !== undefined && param !== 'version') name = tr('import_format_version', [name, format.version]);
  if (format.older) name = tr('import_format_older', [name]);
  if (format.zip) name = tr('import_format_zip', [name]);
  if (format.encrypted !== undefined) name = tr(format.encrypted ? 'import_format_encrypted' : 'import_format_plain', [name]);
  if (format.batch) name = tr('import_format_batch', [name, String(format.batch.index), String(format.batch.size), String(format.batch.size - 1)]);
  return name;
}

/** “Vault / GitHub: alice”: the names an entry has (punctuation only, no words). */
function titleOf(place: EntryPlace): string {
  const names = [place.issuer, place.name].filter(Boolean).join(': ');
  return [place.vault, names].filter(Boolean).join(' / ');
}

/** Where an entry is, in words: “Entry 3”, “Line 4”, “Line 2, entry 1”, “Row 5”; '' when only its names say. */
function whereOf(place: EntryPlace, tr: Translate): string {
  if (place.line !== undefined && place.position !== undefined) return tr('import_where_line_entry', [String(place.line), String(place.position)]);
  if (place.line !== undefined) return tr('import_where_line', [String(place.line)]);
  if (place.row !== undefined) return tr('import_where_row', [String(place.row)]);
  if (place.position !== undefined) return tr('import_where_entry', [String(place.position)]);
  return '';
}

/** “Entry 3 (“GitHub: alice”): the secret is empty.” — `reason` is the error's message, worded by the caller. */
export function entryText(entry: EntryPlace & { error: SerializedError }, tr: Translate, reason: string): string {
  const where = whereOf(entry, tr);
  const title = titleOf(entry);
  if (where && title) return tr('import_skipped_entry', [where, title, reason]);
  if (where) return tr('import_skipped_at', [where, reason]);
  if (title) return tr('import_skipped_named', [title, reason]);
  return reason;
}
