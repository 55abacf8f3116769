import type { AccountIcon, IconMime } from '@/lib/otp/account';
import { fromBase64, toBase64 } from '@/lib/vault/bytes';

/**
 * Account icons: what is kept, what is refused, and how other apps' icons map onto ours.
 * An icon is decoration — a bad one is dropped (the account stays), never an error that stops an import.
 */

/** The most bytes of one stored image: a favicon re-encoded at 64 px is a few KB; Aegis icons are small SVG/PNG. */
export const MAX_ICON_BYTES = 48 * 1024;
/** The edge of a favicon as we keep it (px): sharp at the list's 32 CSS px on a high-density screen. */
export const ICON_EDGE = 64;

const MIMES: ReadonlySet<string> = new Set<IconMime>(['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml']);

export function isIconMime(value: unknown): value is IconMime {
  return typeof value === 'string' && MIMES.has(value);
}

/** The first bytes each image type starts with: a file that claims PNG must be one. */
function looksLike(mime: IconMime, bytes: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  switch (mime) {
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/webp':
      return starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50;
    case 'image/svg+xml': {
      const head = new TextDecoder().decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
      return /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head);
    }
  }
}

/** An image icon from bytes, or null when the bytes are not the type they claim or are too large. */
export function imageIcon(mime: unknown, bytes: Uint8Array): AccountIcon | null {
  if (!isIconMime(mime) || bytes.length === 0 || bytes.length > MAX_ICON_BYTES || !looksLike(mime, bytes)) return null;
  return { kind: 'image', mime, data: toBase64(bytes) };
}

/** An image icon from base64 text (Aegis's `icon`), or null. */
export function imageIconFromBase64(mime: unknown, base64: unknown): AccountIcon | null {
  if (typeof base64 !== 'string' || base64.length > (MAX_ICON_BYTES * 4) / 3 + 4) return null;
  try {
    return imageIcon(mime, fromBase64(base64));
  } catch {
    return null;
  }
}

/** 2FAS's label colours (its `backgroundColor` names) as hues for our letter avatar. */
const TWOFAS_HUES: Record<string, number> = {
  Default: 215,
  LightBlue: 200,
  Indigo: 235,
  Purple: 275,
  Turquoise: 175,
  Green: 130,
  Red: 0,
  Orange: 28,
  Yellow: 50,
  Brown: 20,
};

/** A label avatar (2FAS's "Label" icon): up to two characters on a colour of its palette. */
export function labelIcon(text: unknown, color: unknown): AccountIcon | null {
  if (typeof text !== 'string') return null;
  const letters = [...text.normalize('NFC').trim()].slice(0, 2).join('');
  if (!letters || /[\p{C}]/u.test(letters)) return null;
  return { kind: 'label', text: letters, color: typeof color === 'string' && color in TWOFAS_HUES ? color : 'Default' };
}

export function labelHue(color: string): number {
  return TWOFAS_HUES[color] ?? TWOFAS_HUES.Default!;
}

/** The `src` of an image icon: a data URL (no request, nothing for a page to observe). */
export function iconSrc(icon: AccountIcon): string | null {
  return icon.kind === 'image' ? `data:${icon.mime};base64,${icon.data}` : null;
}

/** Aegis's three icon fields for an entry (`icon_hash` is the SHA-256 of the image bytes, as Aegis writes it). */
export async function aegisIconFields(icon: AccountIcon | undefined): Promise<{ icon: string | null; icon_mime: string | null; icon_hash: string | null }> {
  if (!icon || icon.kind !== 'image') return { icon: null, icon_mime: null, icon_hash: null };
  const bytes = fromBase64(icon.data);
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return { icon: icon.data, icon_mime: icon.mime, icon_hash: [...hash].map((b) => b.toString(16).padStart(2, '0')).join('') };
}
