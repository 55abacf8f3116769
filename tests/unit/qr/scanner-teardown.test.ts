// @vitest-environment happy-dom
import { afterAll, describe, expect, it, vi } from 'vitest';
import { NOTHING_LIVE, trackAttachments } from '../support/attachments';

// The page's QR code as the decoder would read it (happy-dom draws nothing): one element that says `link`.
const page = { qr: null as Element | null, link: 'otpauth://totp/Demo:you?secret=JBSWY3DPEHPK3PXP&issuer=Demo' };
vi.mock('@/lib/qr/scan-page', () => ({
  findCandidates: () => (page.qr?.isConnected ? [{ element: page.qr, kind: 'img', url: 'qr.png' }] : []),
  readCandidate: async () => page.link,
  pictureKey: () => 'img qr.png',
}));
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: { id: 'keyring', sendMessage: async () => ({ ok: true, value: null }) },
    i18n: { getMessage: (key: string) => key },
  },
}));

const tracked = trackAttachments();
afterAll(() => tracked.restore());
const { startScanner } = await import('@/lib/qr/scanner');
const offers = () => document.querySelectorAll('keyring-offer').length;
/** A single-page app's router: a new URL by history.pushState and the view's DOM replaced. */
const route = (path: string, html: string) => {
  history.pushState(null, '', path);
  document.body.innerHTML = html;
  page.qr = document.querySelector('img');
};
const SET_UP = '<h1>Set up two-factor authentication</h1><img alt="QR code">';

describe('the scanner belongs to one view: torn down by the view’s end or its signal', () => {
  const lifetime = new AbortController();

  it('offers the set-up view’s code; the next view ends it: offer, listeners, observers, interval and timers gone', async () => {
    route('/settings/2fa', SET_UP);
    const scanner = startScanner(lifetime.signal);
    await vi.waitFor(() => expect(offers()).toBe(1));
    expect(tracked.live().intervals).toBe(1); // a look every second for the first minute
    expect(tracked.live().listeners).toContain('window keydown'); // the offer's Escape
    route('/settings/done', '<p>Two-factor authentication is on.</p>');
    window.dispatchEvent(new PopStateEvent('popstate')); // as the Navigation API tells Chromium at once
    expect(scanner.ended.aborted).toBe(true);
    expect(offers()).toBe(0);
    expect(tracked.live()).toEqual(NOTHING_LIVE);
  });

  it('without the Navigation API or popstate, the next DOM change shows the view changed', async () => {
    route('/settings/2fa-again', SET_UP);
    const scanner = startScanner(lifetime.signal);
    await vi.waitFor(() => expect(offers()).toBe(1));
    route('/settings/elsewhere', '<p>Elsewhere.</p>');
    await vi.waitFor(() => expect(scanner.ended.aborted).toBe(true), { timeout: 5000 });
    expect(offers()).toBe(0);
    expect(tracked.live()).toEqual(NOTHING_LIVE);
  });

  it('the content script’s context ends: no offer, listener, observer, interval or timer remains, nothing is scanned', async () => {
    route('/settings/2fa-third', SET_UP);
    const scanner = startScanner(lifetime.signal);
    await vi.waitFor(() => expect(offers()).toBe(1));
    lifetime.abort();
    expect(scanner.ended.aborted).toBe(true);
    expect(offers()).toBe(0);
    expect(tracked.live()).toEqual(NOTHING_LIVE);
    document.body.click();
    expect(await scanner.scanNow()).toEqual({ found: 0, status: 'no_qr' });
    expect(offers()).toBe(0);
    expect(tracked.live()).toEqual(NOTHING_LIVE);
  });
});
