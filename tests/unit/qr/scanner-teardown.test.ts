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
const sent: string[] = [];
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      id: 'keyring',
      sendMessage: async ({ type }: { type: string }) => {
        sent.push(type);
        return { ok: true, value: null };
      },
    },
    i18n: { getMessage: (key: string) => key },
  },
}));

const tracked = trackAttachments();
afterAll(() => tracked.restore());
const { startScanner } = await import('@/lib/qr/scanner');
const offers = () => document.querySelectorAll('keyring-offer').length;
const setUpPage = (path: string) => {
  history.pushState(null, '', path);
  document.body.innerHTML = '<h1>Set up two-factor authentication</h1><img alt="QR code">';
  page.qr = document.querySelector('img');
};

describe('the scanner is torn down by its signal, and a single-page app’s views each get their own offer', () => {
  const lifetime = new AbortController();

  it('offers the code of the set-up view; the next view without it takes the offer away', async () => {
    setUpPage('/settings/2fa');
    startScanner(lifetime.signal);
    await vi.waitFor(() => expect(offers()).toBe(1));
    expect(tracked.live().intervals).toBe(1); // a look every second for the view's first minute
    history.pushState(null, '', '/settings/done');
    document.body.innerHTML = '<p>Two-factor authentication is on.</p>';
    window.dispatchEvent(new PopStateEvent('popstate')); // what the Navigation API tells Chromium at once
    expect(offers()).toBe(0);
    expect(tracked.live().intervals).toBe(1); // the old view's interval went, the new view's started
    expect(tracked.live().listeners).not.toContain('window keydown'); // the offer's Escape listener
  });

  it('back on a set-up view: offered again (what was dismissed belonged to the old view)', async () => {
    setUpPage('/settings/2fa-again');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(offers()).toBe(1));
  });

  it('aborted: no offer, listener, observer, interval or timer remains, and nothing is scanned any more', async () => {
    lifetime.abort();
    expect(offers()).toBe(0);
    expect(tracked.live()).toEqual(NOTHING_LIVE);
    setUpPage('/settings/2fa-later');
    document.body.click();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(offers()).toBe(0);
    expect(tracked.live()).toEqual(NOTHING_LIVE);
  });
});
