// @vitest-environment happy-dom
import { afterAll, describe, expect, it, vi } from 'vitest';
import { NOTHING_LIVE, trackAttachments } from '../support/attachments';

const probe = { mayShowQr: false };
vi.mock('@/lib/qr/probe', () => ({ pageMayShowEnrolmentQr: () => probe.mayShowQr }));
const sent: string[] = [];
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      sendMessage: async ({ type }: { type: string }) => {
        sent.push(type);
        return { ok: true, value: null };
      },
    },
  },
}));

const tracked = trackAttachments();
afterAll(() => tracked.restore());
const { startEnrolmentWatch } = await import('@/lib/qr/watch');

describe('the content script’s enrolment watch', () => {
  const lifetime = new AbortController();

  it('asks for the decoder once per view of a single-page app; the view’s load listener and timers go once it asked', async () => {
    history.replaceState(null, '', '/home');
    startEnrolmentWatch(lifetime.signal);
    await vi.waitFor(() => expect(tracked.live().listeners).toContain('document load'));
    await vi.waitFor(() => expect(tracked.live().observers).toBe(1));
    probe.mayShowQr = true;
    document.body.append(document.createElement('canvas'));
    await vi.waitFor(() => expect(sent).toEqual(['enrol/scanMe']));
    expect(tracked.live()).toEqual({ ...NOTHING_LIVE, listeners: ['window popstate', 'window hashchange'], observers: 1 });
    document.body.append(document.createElement('canvas')); // same view: the decoder is there already
    history.pushState(null, '', '/settings/2fa'); // a new view: looked at afresh
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(sent).toEqual(['enrol/scanMe', 'enrol/scanMe']));
  });

  it('aborted: its listeners, DOM watcher and timers are gone, and it asks for nothing more', async () => {
    probe.mayShowQr = false;
    history.pushState(null, '', '/elsewhere');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(tracked.live().listeners).toContain('document load'));
    lifetime.abort();
    expect(tracked.live()).toEqual(NOTHING_LIVE);
    probe.mayShowQr = true;
    document.body.append(document.createElement('img'));
    history.pushState(null, '', '/settings/2fa-again');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(sent).toHaveLength(2);
    expect(tracked.live()).toEqual(NOTHING_LIVE);
  });
});
