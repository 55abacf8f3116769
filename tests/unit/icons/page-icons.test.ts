// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MAX_ICON_CANDIDATES, pageIconUrls, rankIconLinks } from '@/lib/icons/page-icons';

const BASE = 'https://clinic.example/account/2fa';
const link = (rel: string, href: string, sizes = '', type = '') => ({ rel, href, sizes, type });

describe('rankIconLinks: the page’s own icons, best first', () => {
  it('prefers a raster icon of 64 px or just above, then larger, then smaller; the site’s favicon.ico last', () => {
    const urls = rankIconLinks(
      [link('icon', '/16.png', '16x16'), link('icon', '/192.png', '192x192'), link('apple-touch-icon', '/touch.png'), link('icon', '/64.png', '64x64')],
      BASE,
    );
    expect(urls).toEqual(['https://clinic.example/64.png', 'https://clinic.example/touch.png', 'https://clinic.example/192.png', 'https://clinic.example/16.png']);
    expect(rankIconLinks([link('shortcut icon', 'fav.png', '32x32')], BASE)).toEqual(['https://clinic.example/account/fav.png', 'https://clinic.example/favicon.ico']);
  });

  it('leaves out SVG (the background cannot draw it), other rels, non-web URLs and duplicates; at most four', () => {
    const urls = rankIconLinks(
      [
        link('icon', '/logo.svg', 'any', 'image/svg+xml'),
        link('stylesheet', '/site.css'),
        link('icon', 'data:image/png;base64,AAAA'),
        link('icon', 'javascript:alert(1)'),
        link('icon', '/a.png', '32x32'),
        link('icon', '/a.png', '32x32'),
        link('icon', '/b.png', '48x48'),
        link('icon', '/c.png', '128x128'),
        link('icon', '/d.png', '96x96'),
      ],
      BASE,
    );
    expect(urls).toHaveLength(MAX_ICON_CANDIDATES);
    expect(urls).toEqual(['https://clinic.example/d.png', 'https://clinic.example/c.png', 'https://clinic.example/b.png', 'https://clinic.example/a.png']);
    expect(rankIconLinks([], BASE)).toEqual(['https://clinic.example/favicon.ico']);
  });
});

describe('pageIconUrls: read from the document', () => {
  it('reads the head’s icon links against the document’s base', () => {
    document.head.innerHTML = '<base href="https://cdn.clinic.example/static/"><link rel="icon" href="img/icon-64.png" sizes="64x64"><link rel="preload" href="x.js">';
    expect(pageIconUrls(document)).toEqual(['https://cdn.clinic.example/static/img/icon-64.png', 'https://cdn.clinic.example/favicon.ico']);
  });
});
