/** A page of the corpus, as described by its `corpus:*` meta tags (format: ../shared/corpus/README.md). */
export interface CorpusCase {
  file: string;
  kind: 'enrol' | 'signin';
  host: string;
  /** enrol: the accounts the vault must hold after accepting the offer (none: nothing may be offered). */
  expectAccounts: string[];
  /** signin: accounts in the vault before the page opens, with the site each is bound to (null: none). */
  accounts: { uri: string; site: string | null }[];
  waitMs: number;
  /** The page's language: `corpus:lang`, else `<html lang>`, else `en` (primary subtag, lower case). */
  lang: string;
  /** Nothing may happen here: an enrolment page that expects no account, or a sign-in page with no code marks. */
  decoy: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Reads the meta tags of one page's HTML; attribute order and quoting may vary. */
export function readCorpusCase(file: string, html: string): CorpusCase {
  const head = html.slice(0, html.search(/<\/head>/i) >>> 0 || html.length);
  const metas: [string, string][] = [];
  for (const tag of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const attribute = (name: string) => new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
    const name = attribute('name');
    const content = attribute('content');
    if (!name || !content) continue;
    const nameValue = decodeEntities(name[2] ?? name[3] ?? name[4] ?? '');
    if (nameValue.startsWith('corpus:')) metas.push([nameValue, decodeEntities(content[2] ?? content[3] ?? content[4] ?? '')]);
  }
  const all = (key: string) => metas.filter(([k]) => k === key).map(([, v]) => v.trim());
  const kind = all('corpus:kind')[0];
  if (kind !== 'enrol' && kind !== 'signin') throw new Error(`${file}: corpus:kind must be enrol or signin, not ${kind ?? 'missing'}`);
  const sites = all('corpus:account-site');
  return {
    file,
    kind,
    host: all('corpus:host')[0] || 'corpus.test',
    expectAccounts: all('corpus:expect-account'),
    accounts: all('corpus:account').map((uri, i) => {
      const site = sites[i];
      return { uri, site: site && site !== '-' ? site : null };
    }),
    waitMs: Number(all('corpus:wait-ms')[0] ?? 0) || 0,
    lang: (all('corpus:lang')[0] || /<html\b[^>]*\blang\s*=\s*["']?([a-z]+)/i.exec(html)?.[1] || 'en').toLowerCase().split('-')[0] ?? 'en',
    decoy: kind === 'enrol' ? all('corpus:expect-account').length === 0 : !/data-corpus-expect\s*=\s*["']?(code|digit:)/i.test(html),
  };
}
