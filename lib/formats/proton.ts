import { AppError } from '@/lib/errors';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { entryPlace, isObject, readEntries, str, type JsonObject } from './common';
import type { Importer, ImportInput } from './types';

function isProton(json: unknown): json is JsonObject & { entries: unknown[] } {
  return isObject(json) && Array.isArray(json.entries) && json.entries.some((e) => isObject(e) && isObject(e.content) && 'uri' in e.content);
}

/** Proton Authenticator: `{version, entries: [{id, content: {uri, entry_type, name}, note}]}`. */
export const protonImporter: Importer = {
  id: 'proton',
  detect: (input: ImportInput) => (isProton(input.json) ? 'plain' : 'no'),
  async read(input: ImportInput) {
    const json = input.json;
    if (!isProton(json)) throw new AppError('unknown_format', 'This is not a Proton Authenticator export.');
    const version = Number(json.version ?? 1);
    if (version > 1) throw new AppError('unsupported_format', `This is a Proton Authenticator export of version ${version}, which is newer than we read (1).`);
    const { accounts, skipped } = readEntries(
      json.entries,
      (entry) => {
        const content = isObject(entry) && isObject(entry.content) ? entry.content : {};
        const draft = parseOtpauthUri(str(content.uri));
        const note = isObject(entry) ? str(entry.note) : '';
        return { ...draft, name: draft.name || str(content.name), notes: note };
      },
      (entry, i) => (isObject(entry) && isObject(entry.content) ? entryPlace(i, '', entry.content.name) : entryPlace(i)),
    );
    return { format: { id: 'proton-authenticator' }, accounts, skipped };
  },
};
