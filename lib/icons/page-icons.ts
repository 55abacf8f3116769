/**
 * The icons a page names for itself (`<link rel="icon">`, `apple-touch-icon`), best first, as absolute URLs,
 * with the site's `/favicon.ico` last. Read by the enrolment scanner so the new account can keep its site's
 * icon; the background decides which of these it fetches (lib/icons/fetch-icon.ts), so the page's choice is
 * only a suggestion.
 */

export const MAX_ICON_CANDIDATES = 4;
/** The edge we keep (lib/icons/icon.ts ICON_EDGE): a candidate at least this large scales down cleanly. */
const WANTED_EDGE = 64;

export interface IconLink {
  href: string;
  rel: string;
  sizes: string;
  type: string;
}

/** Largest edge a `sizes` attribute names ("16x16 32x32", "any" for scalable); 0 when unknown. */
function largestEdge(sizes: string): number {
  if (/\bany\b/i.test(sizes)) return Number.POSITIVE_INFINITY;
  return Math.max(0, ...[...sizes.matchAll(/(\d+)x(\d+)/gi)].map((m) => Math.min(Number(m[1]), Number(m[2]))));
}

/** Higher is better: a raster image near 64 px first; SVG cannot be re-encoded in the background, so it is last. */
function score(link: IconLink): number {
  const type = link.type.toLowerCase();
  const svg = type.includes('svg') || /\.svg(\?|#|$)/i.test(link.href);
  if (svg) return -1;
  const edge = largestEdge(link.sizes) || (/apple-touch-icon/i.test(link.rel) ? 180 : 32);
  const fit = edge >= WANTED_EDGE ? 1000 - Math.min(edge, 999) : edge;
  return fit + (/\bicon\b/i.test(link.rel) ? 1 : 0);
}

/** Candidate URLs from the links, best first, absolute against `base`; only http(s). */
export function rankIconLinks(links: readonly IconLink[], base: string): string[] {
  const urls: string[] = [];
  const sorted = links
    .filter((link) => /(^|\s)(icon|apple-touch-icon|apple-touch-icon-precomposed)(\s|$)/i.test(link.rel))
    .map((link, i) => ({ link, i, score: score(link) }))
    .filter((x) => x.score >= 0)
    .sort((a, b) => b.score - a.score || a.i - b.i);
  for (const { link } of sorted) {
    const url = absolute(link.href, base);
    if (url && !urls.includes(url)) urls.push(url);
  }
  const fallback = absolute('/favicon.ico', base);
  if (fallback && !urls.includes(fallback)) urls.push(fallback);
  return urls.slice(0, MAX_ICON_CANDIDATES);
}

function absolute(href: string, base: string): string | null {
  try {
    const url = new URL(href, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The page's own icon links, read from its `<head>` (and body, where some templates put them). */
export function pageIconUrls(doc: Document): string[] {
  const links = [...doc.querySelectorAll<HTMLLinkElement>('link[rel][href]')].slice(0, 50).map((link) => ({
    href: link.getAttribute('href') ?? '',
    rel: link.getAttribute('rel') ?? '',
    sizes: link.getAttribute('sizes') ?? '',
    type: link.getAttribute('type') ?? '',
  }));
  return rankIconLinks(links, doc.baseURI);
}
