import type { AccountIcon } from '@/lib/otp/account';
import { fetchPublicImage } from '@/lib/qr/fetch-image';
import { mayFetchImage } from '@/lib/qr/fetch-policy';
import { ICON_EDGE, imageIcon } from './icon';

/** The most bytes of one favicon read (a 256 px PNG or a multi-size .ico fits easily). */
export const MAX_FAVICON_BYTES = 256 * 1024;
/** Smaller than this is a tracking pixel or a placeholder, not an icon. */
const MIN_EDGE = 8;

/**
 * The site's icon for an account, from the candidate URLs the page named (lib/icons/page-icons.ts), in the
 * background: only URLs the QR fetch rule allows for this page (public HTTPS, or the page's own host), without
 * cookies or credentials, no redirects, size-capped; drawn onto a 64 px canvas and re-encoded as PNG, so what
 * is stored is pixels we made, not the site's file. The first candidate that yields an image wins.
 */
export async function fetchSiteIcon(candidates: readonly string[], pageUrl: string): Promise<AccountIcon | null> {
  for (const url of candidates.slice(0, 4)) {
    if (typeof url !== 'string' || !mayFetchImage(url, pageUrl)) continue;
    const blob = await fetchPublicImage(url, MAX_FAVICON_BYTES).catch(() => null);
    const icon = blob && (await reencode(blob).catch(() => null));
    if (icon) return icon;
  }
  return null;
}

/** Decodes the image and draws it, centred and scaled to fit, on a transparent 64 px square; PNG out. */
async function reencode(blob: Blob): Promise<AccountIcon | null> {
  const bitmap = await createImageBitmap(blob);
  try {
    if (bitmap.width < MIN_EDGE || bitmap.height < MIN_EDGE) return null;
    const canvas = new OffscreenCanvas(ICON_EDGE, ICON_EDGE);
    const context = canvas.getContext('2d');
    if (!context) return null;
    const scale = Math.min(ICON_EDGE / bitmap.width, ICON_EDGE / bitmap.height);
    const w = Math.round(bitmap.width * scale);
    const h = Math.round(bitmap.height * scale);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, Math.floor((ICON_EDGE - w) / 2), Math.floor((ICON_EDGE - h) / 2), w, h);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    return imageIcon('image/png', new Uint8Array(await png.arrayBuffer()));
  } finally {
    bitmap.close();
  }
}
