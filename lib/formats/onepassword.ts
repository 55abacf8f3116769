import { AppError } from '@/lib/errors';
import type { AccountDraft } from '@/lib/otp/account';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { draftFrom, isObject, shownText, skipOnError, str, type JsonObject } from './common';
import type { EntryPlace, Importer, ImportInput, ImportResult, SkippedEntry } from './types';

/**
 * 1Password's export, the 1PUX format (1Password 8: ⋯ → Export → 1PUX; documented at
 * support.1password.com/1pux-format): a ZIP holding `export.attributes` (`{version, description, createdAt}`) and
 * `export.data`, `{accounts: [{attrs, vaults: [{attrs: {name}, items: [item]}]}]}`. An item is
 * `{uuid, state: active|archived, categoryUuid, overview: {title, subtitle, url}, details: {loginFields:
 * [{designation: username|password, value}], sections: [{fields: [{title, id, value: {totp: …}}]}]}}`; a one-time
 * password field's `value.totp` holds an otpauth:// link or the bare base32 secret the person pasted. Every such
 * field is an account; items without one are passwords, not accounts, and are left out.
 */
export function isOnePuxData(json: unknown): json is JsonObject & { accounts: unknown[] } {
  return isObject(json) && Array.isArray(json.accounts) && json.accounts.every((a) => isObject(a) && (a.vaults === undefined || Array.isArray(a.vaults)));
}

/** `export.data` taken out of the .1pux by the person: the same accounts (the .1pux itself is read by zip-apps.ts). */
function isLooseExportData(json: unknown): boolean {
  return isOnePuxData(json) && json.accounts.length > 0 && json.accounts.every((a) => isObject(a) && isObject(a.attrs) && Array.isArray(a.vaults));
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function usernameOf(details: JsonObject): string {
  const field = list(details.loginFields).find((f) => isObject(f) && f.designation === 'username');
  return isObject(field) ? str(field.value) : '';
}

function accountOf(totp: string, title: string, username: string): AccountDraft {
  const value = totp.trim();
  if (/^(otpauth|steam):\/\//i.test(value)) {
    const draft = parseOtpauthUri(value);
    // The link names the account the service enrolled; the item's title and username are what the person sees.
    return { ...draft, issuer: draft.issuer || title, name: draft.name || username };
  }
  return draftFrom({ secret: value, issuer: title, name: username });
}

/** Reads `export.data` (parsed); `attributes` is `export.attributes` (parsed) when the archive had it. */
export function readOnePux(data: unknown, attributes?: unknown): ImportResult {
  if (!isOnePuxData(data)) throw new AppError('damaged_backup', 'The 1Password export\'s export.data is not the 1PUX structure (no list of accounts).');
  const version = isObject(attributes) ? Number(attributes.version) : NaN;
  const accounts: AccountDraft[] = [];
  const skipped: SkippedEntry[] = [];
  let index = 0;
  for (const account of data.accounts) {
    for (const vault of list(isObject(account) ? account.vaults : undefined)) {
      if (!isObject(vault)) continue;
      const vaultName = isObject(vault.attrs) ? str(vault.attrs.name) : '';
      for (const item of list(vault.items)) {
        if (!isObject(item)) continue;
        const overview = isObject(item.overview) ? item.overview : {};
        const details = isObject(item.details) ? item.details : {};
        const title = str(overview.title).trim();
        const username = usernameOf(details);
        for (const section of list(details.sections)) {
          for (const field of list(isObject(section) ? section.fields : undefined)) {
            if (!isObject(field) || !isObject(field.value) || !('totp' in field.value)) continue;
            const totp = str(field.value.totp);
            index++;
            const place: EntryPlace = { position: index, vault: shownText(vaultName), issuer: shownText(title) };
            if (!totp.trim()) continue; // an empty one-time password field: nothing to import
            if (item.state === 'archived') {
              skipped.push({ ...place, error: { code: 'entry_archived', params: { app: '1Password' } } });
              continue;
            }
            skipOnError(skipped, place, () => accounts.push(accountOf(totp, title, username)));
          }
        }
      }
    }
  }
  return { format: { id: '1password', ...(Number.isInteger(version) ? { version: String(version) } : {}) }, accounts, skipped };
}

export const onePasswordImporter: Importer = {
  id: '1password',
  detect: (input: ImportInput) => (isLooseExportData(input.json) ? 'plain' : 'no'),
  async read(input: ImportInput) {
    return readOnePux(input.json);
  },
};
