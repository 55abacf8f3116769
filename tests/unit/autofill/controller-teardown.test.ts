// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NOTHING_LIVE, trackAttachments } from '../support/attachments';
import { fakeBackground, settle } from './fake-background';

const background = fakeBackground({ fillable: true, locked: false, bound: 0, autoFill: false });
vi.mock('wxt/browser', () => ({ browser: background.browser }));

const tracked = trackAttachments();
afterAll(() => tracked.restore());
const hosts = () => document.querySelectorAll('keyring-fill');
const waitForButtonAfter = (name: string) =>
  vi.waitFor(() => {
    if (!document.querySelector(`input[name="${name}"] + keyring-fill`)) throw new Error(`no button after ${name} yet`);
  }, { timeout: 15_000, interval: 50 });

// A single-page app's router: a new URL with history.pushState, and the view's DOM replaced.
const route = (path: string, html: string) => {
  history.pushState(null, '', path);
  document.body.innerHTML = html;
};

describe('the autofill controller is torn down by its signal', () => {
  const lifetime = new AbortController();
  let observersOfOneView = 0;
  let intersectionOfOneButton = 0;

  beforeAll(async () => {
    history.replaceState(null, '', '/signin');
    document.body.innerHTML = '<form><label>Authentication code <input autocomplete="one-time-code" name="first"></label></form>';
    const { startAutofill } = await import('@/lib/autofill/controller');
    startAutofill(lifetime.signal);
    await waitForButtonAfter('first');
    observersOfOneView = tracked.live().observers;
    // The click guard's (lib/page/click-guard.ts): the page's DOM watcher is a MutationObserver.
    intersectionOfOneButton = tracked.live().intersection;
    expect(intersectionOfOneButton).toBeGreaterThan(0);
  });

  it('a new view of a single-page app: the old key button goes with its observers, the new field gets its own', async () => {
    const oldHost = hosts()[0]!;
    route('/signin/step-2', '<form><label>Verification code <input autocomplete="one-time-code" name="second"></label></form>');
    await waitForButtonAfter('second');
    expect(oldHost.isConnected).toBe(false);
    expect(hosts()).toHaveLength(1);
    // Nothing piles up view after view: the old button's IntersectionObservers were disconnected.
    expect(tracked.live().observers).toBe(observersOfOneView);
    expect(tracked.live().intersection).toBe(intersectionOfOneButton);
    expect(tracked.live().intervals).toBe(0);
  });

  it('a field the framework threw away without a URL change: its button’s observers go at the next look', async () => {
    document.body.innerHTML = '<p>Loading…</p>';
    await vi.waitFor(() => expect(tracked.live().intersection).toBe(0), { timeout: 15_000, interval: 50 });
  });

  it('aborted: no key button, listener, observer or timer of its own remains, and the shortcut is not answered', async () => {
    document.body.innerHTML = '<form><label>Authentication code <input autocomplete="one-time-code" name="third"></label></form>';
    await waitForButtonAfter('third');
    expect(background.state.listeners).toHaveLength(1);
    lifetime.abort();
    expect(hosts()).toHaveLength(0);
    expect(background.state.listeners).toHaveLength(0);
    expect(tracked.live()).toEqual(NOTHING_LIVE);
    // And it stays so: page changes are not looked at any more.
    const requests = background.state.requests.length;
    route('/elsewhere', '<form><label>Authentication code <input autocomplete="one-time-code" name="fourth"></label></form>');
    await settle(700);
    expect(hosts()).toHaveLength(0);
    expect(background.state.requests).toHaveLength(requests);
    expect(tracked.live()).toEqual(NOTHING_LIVE);
  });
});
