import { describe, expect, it } from 'vitest';
import { decodeEntities, readCorpusCase } from '../../e2e/support/corpus-case';

describe('corpus page meta tags (../shared/corpus/README.md)', () => {
  it('reads a signin page with accounts, sites and a wait', () => {
    const html = `<!doctype html><html><head>
      <meta name="corpus:kind" content="signin">
      <meta content="forge.test" name="corpus:host">
      <meta name="corpus:account" content="otpauth://totp/Forge:grace?secret=AAAA&amp;issuer=Forge">
      <meta name="corpus:account-site" content="forge.test">
      <meta name='corpus:account' content='otpauth://totp/Other:x?secret=BBBB'>
      <meta name="corpus:account-site" content="-">
      <meta name="corpus:wait-ms" content="750">
      </head><body><meta name="corpus:kind" content="enrol"></body></html>`;
    expect(readCorpusCase('signin-x.html', html)).toEqual({
      file: 'signin-x.html',
      kind: 'signin',
      host: 'forge.test',
      expectAccounts: [],
      accounts: [
        { uri: 'otpauth://totp/Forge:grace?secret=AAAA&issuer=Forge', site: 'forge.test' },
        { uri: 'otpauth://totp/Other:x?secret=BBBB', site: null },
      ],
      waitMs: 750,
      lang: 'en',
      decoy: true,
    });
  });

  it('reads the language (corpus:lang, else <html lang>) and tells decoys from cases that expect something', () => {
    const signin = (extra: string, body: string) => `<html lang="pt-BR"><head><meta name="corpus:kind" content="signin">${extra}</head><body>${body}</body></html>`;
    expect(readCorpusCase('a.html', signin('', '<input data-corpus-expect="code">'))).toMatchObject({ lang: 'pt', decoy: false });
    expect(readCorpusCase('b.html', signin('<meta name="corpus:lang" content="ja">', '<input data-corpus-expect="untouched">'))).toMatchObject({ lang: 'ja', decoy: true });
    expect(readCorpusCase('c.html', '<head><meta name="corpus:kind" content="enrol"><meta name="corpus:expect-account" content="otpauth://a"></head>')).toMatchObject({ lang: 'en', decoy: false });
  });

  it('defaults the host to corpus.test and collects every expected account', () => {
    const html = `<head><meta name="corpus:kind" content="enrol"><meta name="corpus:expect-account" content="otpauth://a"><meta name="corpus:expect-account" content="otpauth://b"></head>`;
    expect(readCorpusCase('enrol.html', html)).toMatchObject({ host: 'corpus.test', expectAccounts: ['otpauth://a', 'otpauth://b'], waitMs: 0 });
  });

  it('refuses a page without a valid kind', () => {
    expect(() => readCorpusCase('bad.html', '<head><meta name="corpus:kind" content="other"></head>')).toThrow(/corpus:kind/);
  });

  it('decodes named and numeric entities', () => {
    expect(decodeEntities('a&amp;b&#x3A;c&#58;&quot;&unknown;')).toBe('a&b:c:"&unknown;');
  });
});
