/**
 * The letter avatar of a row: the first letter or digit of the account's title, and a hue that is
 * stable for that title, so a list reads at a glance without any image of the service.
 */
export function avatarOf(title: string): { letter: string; hue: number } {
  const letter = [...title.normalize('NFC')].find((c) => /[\p{L}\p{N}]/u.test(c))?.toLocaleUpperCase() ?? '?';
  let hash = 0;
  for (const c of title.toLowerCase()) hash = (hash * 31 + (c.codePointAt(0) ?? 0)) >>> 0;
  return { letter, hue: hash % 360 };
}
