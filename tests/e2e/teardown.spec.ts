import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { waitForControl } from './support/ax';
import { openContentWorld, type InspectedContentWorld as ContentWorld } from './support/content-world';
import { trackAttachments } from '../unit/support/attachments';

// Issue #14: every content-script feature is torn down by its signal. A single-page app (tests/e2e/site/spa.html,
// a router like React Router's: history.pushState and the view's DOM replaced) keeps the content script running
// across views, so what belonged to a view (the offer, the decoder with its interval and watchers, key buttons
// and their click-guard observers) must go with it; when WXT's context ends, everything goes.

const PASSPHRASE = 'correct horse battery staple';
const NOTHING = { listeners: [], observers: 0, intersection: 0, timeouts: 0, intervals: 0, idle: 0 };
type Live = typeof NOTHING & { listeners: string[] };

/** The extension's isolated world of the page, once the content script has run there. */
async function contentWorldOf(page: Page): Promise<ContentWorld> {
  let world: ContentWorld | null = null;
  await expect.poll(async () => (world = await openContentWorld(page).catch(() => null)) !== null, { timeout: 15_000 }).toBe(true);
  return world!;
}

/** From now on, records in the content script's world what is attached and still live (tests/unit/support/attachments.ts). */
async function installProbe(world: ContentWorld): Promise<() => Promise<Live>> {
  await world.evaluate(`(globalThis.__teardownProbe = (${trackAttachments.toString()})(), true)`);
  return () => world.evaluate<Live>('globalThis.__teardownProbe.live()');
}

/** Every element of the page the extension added (its hosts are named keyring-*), through open shadow roots. */
const keyringElements = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of Array.from(root.querySelectorAll('*'))) {
        if (element.localName.startsWith('keyring-')) found.push(element.localName);
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return found;
  });

const go = (page: Page, path: string) => page.evaluate((to) => (window as unknown as { navigateTo(path: string): void }).navigateTo(to), path);

test('a single-page app moved on from a set-up view and a sign-in view keeps nothing of theirs', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const page = await browserWithExtension.context.newPage();
  await page.goto('https://accounts.demo.test/spa.html');
  const world = await contentWorldOf(page);
  // The content script's own, for the whole page: views (popstate, hashchange, the Navigation API), the enrolment
  // watch's look at this view (image loads).
  await expect.poll(() => world.listeners()).toContain('document load (capture)');
  const atHome = await world.listeners();
  const live = await installProbe(world);

  await go(page, '/app/security/2fa');
  expect(await waitForControl(page, 'button', /^Add$/, 10_000), 'the set-up view’s QR is offered').not.toBeNull();
  expect(await waitForControl(page, 'button', /Fill one-time code/, 10_000), 'its code field has the key button').not.toBeNull();
  expect((await live()).intervals, 'the decoder looks every second').toBe(1);

  await go(page, '/app/login/2fa');
  expect(await waitForControl(page, 'button', /Fill one-time code/, 10_000), 'the sign-in view gets its own key button').not.toBeNull();
  expect(await keyringElements(page)).toEqual(['keyring-fill']); // the offer went with the set-up view
  expect((await live()).intervals, 'the decoder went with the set-up view').toBe(0);

  await go(page, '/app/home');
  await expect.poll(() => keyringElements(page)).toEqual([]);
  // Back to what the content script had on the first view: no listener of the decoder, offer or key buttons left.
  await expect.poll(() => world.listeners()).toEqual(atHome);
  // No interval, timer or IntersectionObserver (click guard) left; the two MutationObservers are the content
  // script's own for the page (autofill's and the enrolment watch's), as on any page.
  await expect.poll(live).toEqual({ ...NOTHING, listeners: ['document load'], observers: 2 });

  // And the views are re-created, not just torn down: back (popstate) to the set-up view offers again.
  await page.goBack();
  await page.goBack();
  expect(await waitForControl(page, 'button', /^Add$/, 10_000), 'the set-up view offers again').not.toBeNull();
  await world.detach();
});

test('WXT’s context ends (the extension updated or reloaded): the offer, key buttons, listeners, observers and timers all go', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const page = await browserWithExtension.context.newPage();
  await page.goto('https://accounts.demo.test/spa.html');
  const world = await contentWorldOf(page);
  await expect.poll(() => world.listeners()).toContain('document load (capture)');
  const live = await installProbe(world);
  await go(page, '/app/security/2fa');
  expect(await waitForControl(page, 'button', /^Add$/, 10_000)).not.toBeNull();
  expect(await waitForControl(page, 'button', /Fill one-time code/, 10_000)).not.toBeNull();
  expect(await keyringElements(page)).toEqual(expect.arrayContaining(['keyring-offer', 'keyring-fill']));

  // What a newer copy of the content script does to the old one (lib/page/quiet-context.ts, as WXT's own context).
  await world.evaluate(`globalThis.__keyringContentScriptContexts.content.notifyInvalidated()`);
  expect(await keyringElements(page)).toEqual([]);
  expect(await world.listeners()).toEqual([]);
  expect(await live()).toEqual(NOTHING);
  expect(await world.evaluate('typeof globalThis.__keyringScanner + " " + typeof globalThis.__keyringFillUi')).toBe('undefined undefined');

  // Nothing is looked at any more: the next views get nothing, and nothing is scheduled to run.
  await go(page, '/app/login/2fa');
  await go(page, '/app/security/2fa');
  expect(await keyringElements(page)).toEqual([]);
  expect(await world.listeners()).toEqual([]);
  expect(await live()).toEqual(NOTHING);
  await world.detach();
});
