import { getDomain } from 'tldts';

/**
 * The site (registrable domain) a URL belongs to, with private suffixes such as github.io counted
 * as public so that tenants are different sites. IPs and localhost stand for themselves.
 */
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

export function siteOfHost(hostname: string): string | null {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || /^[\d.]+$/.test(host) || host.includes(':')) return host;
  return getDomain(host, { allowPrivateDomains: true }) ?? null;
}

/** What a person typed as a bound site ("github.com", "https://login.github.com/x") → "github.com". */
export function normalizeSite(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  return siteOfUrl(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
}
