import { getDomain, getDomainWithoutSuffix } from 'tldts';
import type { Account } from '@/lib/otp/account';

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
  return siteOfUrl(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The site a code may be filled on, or why not: HTTPS only (plain HTTP only on this computer, for
 * development), and a frame only when the top page belongs to the same site.
 */
export function fillableSite(frameUrl: string, topUrl: string | undefined): { site: string } | { refused: string } {
  let frame: URL;
  try {
    frame = new URL(frameUrl);
  } catch {
    return { refused: 'the page has no web address' };
  }
  if (frame.protocol !== 'https:' && !(frame.protocol === 'http:' && LOCAL_HOSTS.has(frame.hostname))) {
    return { refused: 'codes are filled only on HTTPS pages' };
  }
  const site = siteOfHost(frame.hostname);
  if (!site) return { refused: 'the page has no registrable domain' };
  if (topUrl !== undefined && siteOfUrl(topUrl) !== site) return { refused: 'the field is in a frame of another site' };
  return { site };
}

/** Accounts bound to the site. */
export function accountsForSite(accounts: readonly Account[], site: string): Account[] {
  // Stored sites are normally already registrable domains; normalising again costs little and is safe.
  return accounts.filter((account) => account.sites.some((bound) => bound === site || normalizeSite(bound) === site));
}

const simplify = (text: string) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * Imported accounts with no bound site whose issuer plausibly is this site: `GitHub` ↔ github.com,
 * `Google` ↔ accounts.google.com. Punycode hosts never match a name (homographs).
 */
export function issuerCandidates(accounts: readonly Account[], site: string): Account[] {
  if (site.includes('xn--')) return [];
  const name = simplify(getDomainWithoutSuffix(site, { allowPrivateDomains: true }) ?? '');
  if (name.length < 2) return [];
  return accounts.filter((account) => {
    if (account.sites.length > 0) return false;
    const issuer = simplify(account.issuer);
    if (!issuer) return false;
    // "Google Workspace" ↔ google.com, but not "GitHub" ↔ githubcom.net: the site's name may not add letters.
    return issuer === name || (issuer.startsWith(name) && name.length >= 4);
  });
}
