import { utf8OrNull } from '@/lib/vault/bytes';
import { readAndroidPrefs } from './android-prefs';
import type { ImportInput, ImportSource } from './types';

/** The JSON of a text that is a JSON object or list, else undefined. */
export function parseJson(text: string | null): unknown {
  const trimmed = text?.trim() ?? '';
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads a file once into what importers look at (see the interface notes in types.ts). Given an
 * already-read input, answers it unchanged, so a caller may read a file early and pass it along.
 */
export function readImportFile(source: ImportSource | ImportInput): ImportInput {
  if ('text' in source && 'json' in source && 'androidPrefs' in source) return source;
  const text = utf8OrNull(source.bytes);
  return { ...source, text, json: parseJson(text), androidPrefs: readAndroidPrefs(text) };
}
