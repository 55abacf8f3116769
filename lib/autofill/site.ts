import { getDomain } from 'tldts';
import type { Account } from '@/lib/otp/account';
import type { SiteRefusal } from './reasons';

/**
 * The site (registrable domain, public suffix list with private suffixes such as github.io, so tenants
 * are different sites) of a host. IPs and localhost stand for themselves.
 */
export function siteOfHost(hostname: string): string | null {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (!host) return null;
  if (host === 'localhost' || /^[\d.]+$/.test(host) || host.includes(':')) return host;
  return getDomain(host, { allowPrivateDomains: true }) ?? null;
}

export function siteOfUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return siteOfHost(parsed.hostname);
}

/** What a person typed as a bound site ("github.com", "https://login.github.com/x") → "github.com". */
export function normalizeSite(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  const url = /^[a-z]+:\/\//i.test(text) ? text : `https://${text}`;
  const site = siteOfUrl(url);
  // "http://localhost:8080" stays an HTTP binding: it must never match the HTTPS site, nor the reverse.
  return site && /^http:/i.test(url) && LOCAL_SITES.has(site) ? `http://${site}` : site;
}

/** Sites of this computer (what siteOfHost makes of LOCAL_HOSTS). */
const LOCAL_SITES = new Set(['localhost', '127.0.0.1', '::1']);

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The place a frame's content belongs to, from its real origin (`sender.origin`, which an opaque origin
 * reports as "null") when the browser gives one, else from its address. HTTPS sites are registrable
 * domains ("github.com"); plain HTTP counts only on this computer (development) and keeps its scheme
 * ("http://localhost"), so such a binding is never used on HTTPS and the reverse.
 */
function placeOf(frameUrl: string, origin: string | undefined, insecure: SiteRefusal): { site: string } | { refused: SiteRefusal } {
  if (origin === 'null') return { refused: 'sandboxed_frame' };
  let frame: URL;
  try {
    frame = new URL(origin ?? frameUrl);
  } catch {
    return { refused: 'no_web_address' };
  }
  const local = frame.protocol === 'http:' && LOCAL_HOSTS.has(frame.hostname);
  if (frame.protocol !== 'https:' && !local) return { refused: insecure };
  const site = siteOfHost(frame.hostname);
  if (!site) return { refused: 'no_registrable_domain' };
  return { site: local ? `http://${site}` : site };
}

/**
 * The site a code may be filled on, or why not: HTTPS only (plain HTTP only on this computer, for
 * development), never an opaque origin (a sandboxed frame), and a frame only when the top page belongs
 * to the same site.
 */
export function fillableSite(frameUrl: string, topUrl: string | undefined, origin?: string): { site: string } | { refused: SiteRefusal } {
  const place = placeOf(frameUrl, origin, 'fill_needs_https');
  if ('refused' in place) return place;
  if (topUrl !== undefined) {
    const top = placeOf(topUrl, undefined, 'top_not_https');
    if (!('site' in top) || top.site !== place.site) return { refused: 'frame_of_other_site' };
  }
  return place;
}

/**
 * The site an account enrolled from this frame is bound to, or why none: the same rule as filling
 * (HTTPS, or plain HTTP on this computer with its scheme; never an opaque origin). A set-up page on
 * plain HTTP may have been rewritten on the way, so neither its secret nor its site can be trusted.
 */
export function bindableSite(frameUrl: string, origin?: string): { site: string } | { refused: SiteRefusal } {
  return placeOf(frameUrl, origin, 'enrol_needs_https');
}

/** Accounts bound to the site. */
export function accountsForSite(accounts: readonly Account[], site: string): Account[] {
  // Stored sites are normally already registrable domains; normalising again costs little and is safe.
  return accounts.filter((account) => account.sites.some((bound) => bound === site || normalizeSite(bound) === site));
}
