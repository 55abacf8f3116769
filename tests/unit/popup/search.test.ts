import { describe, expect, it } from 'vitest';
import { buildSearchIndex, normalizeForSearch, searchAccounts } from '@/lib/popup/search';

const accounts = [
  { id: 'gh', issuer: 'GitHub', name: 'alice@example.com', sites: ['github.com'] },
  { id: 'sg', issuer: 'Société Générale', name: 'Zoë', sites: ['societegenerale.fr'] },
  { id: 'ms', issuer: 'Microsoft', name: 'alice@contoso.com', sites: ['live.com', 'microsoftonline.com'] },
  { id: 'ist', issuer: 'İş Bankası', name: 'ayşe', sites: [] },
];
const index = buildSearchIndex(accounts);
const ids = (query: string) => {
  const found = searchAccounts(index, query);
  return found === null ? null : [...found];
};

describe('search', () => {
  it('matches issuer, account name and bound site, ignoring case', () => {
    expect(ids('GITHUB')).toEqual(['gh']);
    expect(ids('contoso')).toEqual(['ms']);
    expect(ids('microsoftonline')).toEqual(['ms']);
    expect(ids('alice')).toEqual(['gh', 'ms']);
  });

  it('ignores accents both ways: "societe" finds "Société", "zoe" finds "Zoë", "Sôciété" finds it too', () => {
    expect(ids('societe')).toEqual(['sg']);
    expect(ids('zoe')).toEqual(['sg']);
    expect(ids('Sôciété')).toEqual(['sg']);
    expect(ids('is banka')).toEqual(['ist']);
    expect(ids('ayse')).toEqual(['ist']);
  });

  it('needs every word, in any field and any order', () => {
    expect(ids('alice github')).toEqual(['gh']);
    expect(ids('github alice')).toEqual(['gh']);
    expect(ids('alice nowhere')).toEqual([]);
  });

  it('returns null (everything) for an empty or blank query', () => {
    expect(ids('')).toBeNull();
    expect(ids('   ')).toBeNull();
  });

  it('does not match across two fields', () => {
    // "hubalice" would only exist if issuer and name were glued together.
    expect(ids('hubalice')).toEqual([]);
  });

  it('normalises compatibility forms and combining marks', () => {
    expect(normalizeForSearch('ＧｉｔＨｕｂ')).toBe('github');
    expect(normalizeForSearch('e\u0301')).toBe('e');
  });

  it('answers a keystroke over 1,000 accounts in well under 16 ms', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      id: String(i),
      issuer: `Sérvice ${i} Ünïcode`,
      name: `user${i}@example.com`,
      sites: [`service${i}.example`],
    }));
    const big = buildSearchIndex(many);
    for (let i = 0; i < 20; i++) searchAccounts(big, 'servi'); // warm up the JIT
    const started = performance.now();
    const runs = 50;
    let found = 0;
    for (let i = 0; i < runs; i++) found = searchAccounts(big, `service ${i} unicode`)?.size ?? -1;
    const perKeystroke = (performance.now() - started) / runs;
    expect(found).toBeGreaterThan(0);
    expect(perKeystroke).toBeLessThan(4);
  });
});
