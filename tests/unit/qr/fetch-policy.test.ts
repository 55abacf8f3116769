import { describe, expect, it } from 'vitest';
import { isDecodableImageType, isPrivateHost, mayFetchImage } from '@/lib/qr/fetch-policy';

const PAGE = 'https://shop.example/account/2fa';

describe('which images the background fetches for a page (finding 11)', () => {
  it.each([
    ['https://cdn.other-cdn.example/qr/abc.png', true],
    ['https://shop.example/qr.png', true],
    ['https://203.0.113.7/qr.png', true],
  ])('public HTTPS %s → %s', (url, expected) => {
    expect(mayFetchImage(url, PAGE)).toBe(expected);
  });

  it.each([
    'http://cdn.other-cdn.example/qr.png', // plain HTTP: anyone on the way reads and rewrites it
    'http://nas.intranet/admin/qr.png',
    'https://nas.intranet/admin/qr.png',
    'https://router.local/qr.png',
    'https://wiki.corp/qr.png',
    'https://printer/qr.png', // a single label resolves only inside the local network
    'https://10.0.0.5/qr.png',
    'https://172.20.1.1/qr.png',
    'https://192.168.1.1/qr.png',
    'https://169.254.169.254/latest/meta-data',
    'https://100.64.0.1/qr.png',
    'https://127.0.0.1:8443/qr.png',
    'http://127.0.0.1:8080/qr.png',
    'http://localhost:8080/qr.png',
    'https://[::1]/qr.png',
    'https://[fd00::1]/qr.png',
    'https://[fe80::1]/qr.png',
    'https://[::ffff:192.168.0.1]/qr.png',
    'https://2130706433/qr.png',
    'https://0x7f.0.0.1/qr.png',
    'https://user:pass@cdn.other-cdn.example/qr.png',
    'ftp://cdn.other-cdn.example/qr.png',
    'file:///etc/passwd',
    'data:image/png;base64,AAAA',
    'not a url',
  ])('refused for a public page: %s', (url) => {
    expect(mayFetchImage(url, PAGE)).toBe(false);
  });

  it('a private host only for the page’s own host; plain HTTP only on this computer, for its own host', () => {
    expect(mayFetchImage('https://nas.intranet:8443/qr.png', 'https://nas.intranet/setup')).toBe(true);
    expect(mayFetchImage('https://192.168.1.1/qr.png', 'https://192.168.1.1/2fa')).toBe(true);
    expect(mayFetchImage('http://localhost:5173/qr.png', 'http://localhost:3000/2fa')).toBe(true);
    expect(mayFetchImage('http://127.0.0.1:5173/qr.png', 'http://localhost:3000/2fa')).toBe(false);
    expect(mayFetchImage('http://nas.intranet/qr.png', 'https://nas.intranet/setup')).toBe(false);
    expect(mayFetchImage('https://192.168.1.2/qr.png', 'https://192.168.1.1/2fa')).toBe(false);
  });

  it('private hosts are told from public ones', () => {
    expect(isPrivateHost('github.com')).toBe(false);
    expect(isPrivateHost('cdn.other.test')).toBe(false);
    expect(isPrivateHost('8.8.8.8')).toBe(false);
    expect(isPrivateHost('[2001:db8::1]')).toBe(false);
    expect(isPrivateHost('app.localhost')).toBe(true);
    expect(isPrivateHost('host.home.arpa')).toBe(true);
  });

  it('image content types only', () => {
    expect(isDecodableImageType('image/png')).toBe(true);
    expect(isDecodableImageType('image/jpeg; charset=binary')).toBe(true);
    expect(isDecodableImageType('image/webp')).toBe(true);
    expect(isDecodableImageType('text/html; charset=utf-8')).toBe(false);
    expect(isDecodableImageType('application/octet-stream')).toBe(false);
    expect(isDecodableImageType('application/json')).toBe(false);
    expect(isDecodableImageType(null)).toBe(false);
  });
});
