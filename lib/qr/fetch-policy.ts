/**
 * Which image URLs the background may fetch for a page's scanner, and how.
 *
 * The background cannot tell whether the requesting frame really displays an image: anything in the
 * renderer (the page, the content-script world) may lie, and the browser's own record of what a frame loaded
 * (webRequest) misses images served from cache. So the rule is about what the fetch can reveal: only a URL that
 * anyone on the public internet could fetch themselves — HTTPS, a public host name, no credentials, no
 * redirects — so the QR text tells the page nothing it could not learn through its own server. The person's
 * own network (loopback, private addresses, intranet names) is reached only for the page's own host.
 */

/** Host names that only mean something inside a private network (RFC 6761, 6762, 8375 and common practice). */
const PRIVATE_SUFFIXES = ['localhost', 'local', 'localdomain', 'internal', 'intranet', 'lan', 'home', 'home.arpa', 'corp', 'private'];

function ipv4Parts(host: string): number[] | null {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return null;
  const parts = host.split('.').map(Number);
  return parts.every((n) => n <= 255) ? parts : null;
}

function isPrivateIpv4([a = 0, b = 0]: number[]): boolean {
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || a >= 224;
}

function isPrivateIpv6(host: string): boolean {
  const h = host.toLowerCase();
  if (h === '::' || h === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) return isPrivateIpv4(ipv4Parts(mapped[1]!) ?? [0]);
  // ::ffff:7f00:1 and friends (IPv4-mapped written in hex) are private as well.
  if (h.startsWith('::ffff:')) return true;
  return /^f[cd]/.test(h) || /^fe[89ab]/.test(h);
}

/** True for loopback, private, link-local and intranet-only hosts; `hostname` as `URL.hostname` gives it. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (!host) return true;
  if (host.includes(':')) return isPrivateIpv6(host);
  const v4 = ipv4Parts(host);
  if (v4) return isPrivateIpv4(v4);
  // A number-only or hex host ("2130706433", "0x7f.1") is an address in disguise.
  if (/^[\d.]+$/.test(host) || /^0x/i.test(host)) return true;
  if (!host.includes('.')) return true; // a single label resolves only through the local network's search domains
  return PRIVATE_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

/**
 * May the background fetch `imageUrl` for a frame at `pageUrl`? `pageUrl` is the sender's URL as the
 * browser reports it, never what the page claims.
 */
export function mayFetchImage(imageUrl: string, pageUrl: string): boolean {
  let image: URL;
  let page: URL;
  try {
    image = new URL(imageUrl);
    page = new URL(pageUrl);
  } catch {
    return false;
  }
  if (image.username || image.password) return false;
  const ownHost = image.hostname === page.hostname && (page.protocol === 'https:' || page.protocol === 'http:');
  if (image.protocol === 'https:') return !isPrivateHost(image.hostname) || ownHost;
  // Plain HTTP can be read and rewritten by anyone on the way: only this computer, for the page's own host.
  if (image.protocol === 'http:') return isLoopback(image.hostname) && ownHost;
  return false;
}

/** The most bytes of one image the background reads (a QR code needs far less). */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;

/** Image types the browser can decode into pixels; SVG is left out (no renderer in the background). */
export function isDecodableImageType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return /^image\/(png|jpeg|jpg|pjpeg|gif|webp|avif|bmp|x-ms-bmp|vnd\.microsoft\.icon|x-icon)$/.test(type);
}
