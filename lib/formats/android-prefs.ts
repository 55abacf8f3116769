/**
 * Android's shared-preferences XML (`<map>` of `<string name="…">text</string>`, `<int|long|boolean|float
 * name="…" value="…"/>`, `<set name="…"><string>…</string></set>`): the file apps such as Authy, FreeOTP,
 * Battle.net and TOTP Authenticator keep their tokens in. Read without DOMParser, which the background's
 * service worker does not have. Returns null when the bytes are not such a file.
 */
export type PrefValue = string | string[];

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };

export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const code = entity[1] === 'x' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity] ?? whole;
  });
}

/** Quick look: an XML text whose root is Android's `<map>`. */
export function looksLikeAndroidPrefs(text: string): boolean {
  return /^(<\?xml[^>]*\?>\s*)?<map\s*\/?>/.test(text.slice(0, 400).trimStart());
}

/** The preferences a file's text holds, or null when it is not such a file (readImportFile calls this once per file). */
export function readAndroidPrefs(text: string | null): Map<string, PrefValue> | null {
  if (text === null || !looksLikeAndroidPrefs(text)) return null;
  const prefs = new Map<string, PrefValue>();
  const element = /<(string|int|long|boolean|float)\s+name="([^"]*)"\s*(?:value="([^"]*)"\s*\/>|\/>|>([\s\S]*?)<\/\1>)|<set\s+name="([^"]*)"\s*(?:\/>|>([\s\S]*?)<\/set>)/g;
  for (const match of text.matchAll(element)) {
    if (match[5] !== undefined) {
      const items = [...(match[6] ?? '').matchAll(/<string>([\s\S]*?)<\/string>/g)].map((m) => decodeXmlText(m[1] ?? ''));
      prefs.set(decodeXmlText(match[5]), items);
    } else {
      prefs.set(decodeXmlText(match[2] ?? ''), decodeXmlText(match[3] ?? match[4] ?? ''));
    }
  }
  return prefs;
}

/** The string value of `name`, or undefined. */
export function prefString(prefs: ReadonlyMap<string, PrefValue>, name: string): string | undefined {
  const value = prefs.get(name);
  return typeof value === 'string' ? value : undefined;
}
