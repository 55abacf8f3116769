import { describe, expect, it } from 'vitest';
import { accountsForSite, fillableSite, issuerCandidates, normalizeSite, siteOfUrl } from '@/lib/autofill/site';
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
    expect(fillableSite('http://github.com/login', undefined)).toEqual({ refused: 'codes are filled only on HTTPS pages' });
    expect(fillableSite('http://localhost:8080/signin', undefined)).toEqual({ site: 'localhost' });
    expect(fillableSite('http://127.0.0.1:8080/signin', undefined)).toEqual({ site: '127.0.0.1' });
    expect(fillableSite('https://github.com/frame', 'https://evil.example/')).toEqual({ refused: 'the field is in a frame of another site' });
  });

  it('lookalikes, homographs and other tenants are other sites', () => {
    const github = [account('GitHub', ['github.com']), account('Pages', ['bob.github.io'])];
    for (const url of ['https://github.com.evil.io/', 'https://g1thub.com/', 'https://xn--gthub-n4a.com/', 'https://githubcom.net/', 'https://alice.github.io/']) {
      const site = siteOfUrl(url)!;
      expect(accountsForSite(github, site), url).toEqual([]);
      expect(issuerCandidates([account('GitHub')], site), url).toEqual([]);
    }
    expect(accountsForSite(github, siteOfUrl('https://gist.github.com/')!)).toHaveLength(1);
  });

  it('offers unbound accounts whose issuer is plausibly the site', () => {
    const unbound = [account('Google'), account('GitHub'), account('Git'), account('Forge Cloud'), account('Other'), account('GitHub', ['github.com'])];
    expect(issuerCandidates(unbound, 'google.com').map((a) => a.issuer)).toEqual(['Google']);
    expect(issuerCandidates(unbound, 'github.com').map((a) => a.issuer)).toEqual(['GitHub']);
    expect(issuerCandidates(unbound, 'forge.test').map((a) => a.issuer)).toEqual(['Forge Cloud']);
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

  it('issuer matching ignores case, spaces and accents but never lets the site add letters', () => {
    const unbound = [account('Proton AG'), account('Société Générale'), account('AWS'), account('Microsoft'), account('Git')];
    expect(issuerCandidates(unbound, 'proton.me').map((a) => a.issuer)).toEqual(['Proton AG']);
    expect(issuerCandidates(unbound, 'societegenerale.fr').map((a) => a.issuer)).toEqual(['Société Générale']);
    expect(issuerCandidates(unbound, 'aws.amazon.com')).toEqual([]); // amazon.com is not “AWS”: no guess
    expect(issuerCandidates(unbound, 'microsoft.com').map((a) => a.issuer)).toEqual(['Microsoft']);
    expect(issuerCandidates(unbound, 'micr0soft.com')).toEqual([]);
    expect(issuerCandidates(unbound, 'microsoft-login.com')).toEqual([]);
    expect(issuerCandidates(unbound, 'xn--microsft-e6a.com')).toEqual([]);
    expect(issuerCandidates(unbound, 'github.com')).toEqual([]); // “Git” is a prefix of the site, not the other way round
  });
});
