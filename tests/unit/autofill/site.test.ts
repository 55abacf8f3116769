import { describe, expect, it } from 'vitest';
import { accountsForSite, bindableSite, fillableSite, normalizeSite, siteOfUrl } from '@/lib/autofill/site';
import { makeDraft, type Account } from '@/lib/otp/account';

const mayFillOn = (frameUrl: string, topUrl: string | undefined) => 'site' in fillableSite(frameUrl, topUrl);
const accountsForPage = (accounts: Account[], frameUrl: string, topUrl: string | undefined) => {
  const place = fillableSite(frameUrl, topUrl);
  return 'site' in place ? accountsForSite(accounts, place.site) : [];
};
const account = (issuer: string, sites: string[] = []): Account => ({ ...makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer, sites }), id: issuer + sites.join(), order: 0, createdAt: 0 });

describe('site matcher', () => {
  it('uses the registrable domain, with private suffixes as their own sites', () => {
    expect(siteOfUrl('https://login.github.com/session')).toBe('github.com');
    expect(siteOfUrl('https://www.example.co.uk/')).toBe('example.co.uk');
    expect(siteOfUrl('https://alice.github.io/')).toBe('alice.github.io');
    expect(siteOfUrl('http://localhost:3000/')).toBe('localhost');
    expect(siteOfUrl('ftp://github.com/')).toBeNull();
    expect(normalizeSite('https://Accounts.Google.com/x')).toBe('google.com');
    expect(normalizeSite('github.com')).toBe('github.com');
  });

  it('fills only on HTTPS (HTTP only on this computer) and only where frame and top page are one site', () => {
    expect(fillableSite('https://github.com/login', 'https://github.com/login')).toEqual({ site: 'github.com' });
    expect(fillableSite('https://auth.github.com/frame', 'https://github.com/')).toEqual({ site: 'github.com' });
    expect(fillableSite('http://github.com/login', undefined)).toEqual({ refused: 'fill_needs_https' });
    // Plain HTTP on this computer keeps its scheme: never the same binding as the HTTPS site.
    expect(fillableSite('http://localhost:8080/signin', undefined)).toEqual({ site: 'http://localhost' });
    expect(fillableSite('http://127.0.0.1:8080/signin', undefined)).toEqual({ site: 'http://127.0.0.1' });
    expect(fillableSite('https://localhost:8443/signin', undefined)).toEqual({ site: 'localhost' });
    expect(fillableSite('https://github.com/frame', 'https://evil.example/')).toEqual({ refused: 'frame_of_other_site' });
  });

  it('lookalikes, homographs and other tenants are other sites', () => {
    const github = [account('GitHub', ['github.com']), account('Pages', ['bob.github.io'])];
    for (const url of ['https://github.com.evil.io/', 'https://g1thub.com/', 'https://xn--gthub-n4a.com/', 'https://githubcom.net/', 'https://alice.github.io/']) {
      const site = siteOfUrl(url)!;
      expect(accountsForSite(github, site), url).toEqual([]);
    }
    expect(accountsForSite(github, siteOfUrl('https://gist.github.com/')!)).toHaveLength(1);
  });

  it('an unbound account matches no site, whatever its issuer: binding is the person’s act', () => {
    const unbound = [account('GitHub'), account('Google')];
    for (const site of ['github.com', 'github.co', 'gith.io', 'githu.example', 'google.com']) expect(accountsForSite(unbound, site), site).toEqual([]);
  });

  it('siteOfUrl follows the public suffix list, private suffixes included', () => {
    expect(siteOfUrl('https://a.b.accounts.google.com/signin')).toBe('google.com');
    expect(siteOfUrl('https://shop.example.com.au/')).toBe('example.com.au');
    expect(siteOfUrl('https://my-app.herokuapp.com/')).toBe('my-app.herokuapp.com');
    expect(siteOfUrl('https://GitHub.com./login')).toBe('github.com');
    expect(siteOfUrl('https://github.io/')).toBeNull(); // a bare public suffix is nobody's site
    expect(siteOfUrl('not a url')).toBeNull();
    expect(siteOfUrl('javascript:alert(1)')).toBeNull();
  });

  it('fillableSite: HTTPS pages, local development over HTTP, same-site frames only', () => {
    expect(mayFillOn('https://github.com/login', 'https://github.com/login')).toBe(true);
    expect(mayFillOn('http://github.com/login', 'http://github.com/login')).toBe(false);
    expect(mayFillOn('http://localhost:5173/', 'http://localhost:5173/')).toBe(true);
    expect(mayFillOn('http://127.0.0.1/', undefined)).toBe(true);
    expect(mayFillOn('http://192.168.1.10/', undefined)).toBe(false);
    expect(mayFillOn('https://alice.github.io/', 'https://bob.github.io/')).toBe(false);
    expect(mayFillOn('https://login.microsoftonline.com/', 'https://evil.example/')).toBe(false);
    expect(mayFillOn('about:blank', 'https://github.com/')).toBe(false);
    expect(mayFillOn('data:text/html,<input>', undefined)).toBe(false);
  });

  it('bound accounts of a frame: the bound accounts of the frame’s site, none where filling is refused', () => {
    const accounts = [account('GitHub', ['github.com']), account('Alice', ['alice.github.io']), account('Old', ['login.example.org'])];
    expect(accountsForPage(accounts, 'https://github.com/sessions/two-factor', 'https://github.com/').map((a) => a.issuer)).toEqual(['GitHub']);
    expect(accountsForPage(accounts, 'https://alice.github.io/admin', 'https://alice.github.io/').map((a) => a.issuer)).toEqual(['Alice']);
    expect(accountsForPage(accounts, 'https://mallory.github.io/', 'https://mallory.github.io/')).toEqual([]);
    expect(accountsForPage(accounts, 'http://github.com/', 'http://github.com/')).toEqual([]);
    expect(accountsForPage(accounts, 'https://github.com/frame', 'https://phish.example/')).toEqual([]);
    // A site stored with its host (older data) still matches its registrable domain.
    expect(accountsForPage(accounts, 'https://www.example.org/', undefined).map((a) => a.issuer)).toEqual(['Old']);
  });

  it('decides from the frame’s real origin: an opaque (sandboxed) origin is nobody’s site', () => {
    expect(fillableSite('https://bank.example/preview', 'https://bank.example/', 'null')).toEqual({ refused: 'sandboxed_frame' });
    expect(fillableSite('https://bank.example/preview', 'https://bank.example/', 'https://bank.example')).toEqual({ site: 'bank.example' });
    // The origin, not the address, names the site (e.g. a frame whose address and origin differ).
    expect(fillableSite('https://bank.example/x', 'https://bank.example/', 'https://evil.example')).toEqual({ refused: 'frame_of_other_site' });
    expect(bindableSite('https://bank.example/setup', 'null')).toEqual({ refused: 'sandboxed_frame' });
  });

  it('an account is bound only from an HTTPS page, or from plain HTTP on this computer with its scheme', () => {
    expect(bindableSite('https://accounts.bank.example/2fa')).toEqual({ site: 'bank.example' });
    expect(bindableSite('http://bank.example/2fa')).toEqual({ refused: 'enrol_needs_https' });
    expect(bindableSite('http://192.168.1.10/setup')).toEqual({ refused: 'enrol_needs_https' });
    expect(bindableSite('http://localhost:3000/setup')).toEqual({ site: 'http://localhost' });
    const local = [account('Dev', ['http://localhost'])];
    expect(accountsForPage(local, 'http://localhost:3000/signin', undefined)).toHaveLength(1);
    expect(accountsForPage(local, 'https://localhost/signin', undefined)).toEqual([]);
    expect(accountsForPage([account('Dev', ['localhost'])], 'http://localhost:3000/signin', undefined)).toEqual([]);
    expect(normalizeSite('http://localhost:8080/x')).toBe('http://localhost');
    expect(normalizeSite('localhost')).toBe('localhost');
    expect(normalizeSite('http://bank.example/')).toBe('bank.example'); // typed by the person in the popup: the site, filled on HTTPS only
  });
});
