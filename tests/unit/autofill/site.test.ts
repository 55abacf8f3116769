import { describe, expect, it } from 'vitest';
import { accountsForSite, fillableSite, issuerCandidates, normalizeSite, siteOfUrl } from '@/lib/autofill/site';
import { makeDraft, type Account } from '@/lib/otp/account';

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
});
