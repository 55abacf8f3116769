import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { PopupPage } from './pages/popup';
import { clickControl, findControls, waitForControl, waitForControlState, type AxControl } from './support/ax';
import { openContentWorld } from './support/content-world';
import { codesAroundNow } from './support/totp-reference';

/**
 * The extension's in-page UI against a hostile page (issue #10, findings 7 and 8; issue #12, the offer's
 * Dismiss): clicks on a hidden, covered, clipped or moving button do nothing; a page where nothing is
 * shown sees no trace of the extension; a dismissed offer stays away.
 */

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> } };

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const REFUSED = /Nothing (filled|added): the page hid, covered or moved/;

async function send<T>(popup: PopupPage, type: string, payload: unknown): Promise<T> {
  const reply = await popup.page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const);
  if (!reply.ok) throw new Error(`${type}: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}

async function vaultWithForgeAccount(popup: PopupPage): Promise<void> {
  await send(popup, 'vault/create', { passphrase: PASSPHRASE });
  const { id } = await send<{ id: string }>(popup, 'accounts/add', { uri: `otpauth://totp/Forge:alice?secret=${SECRET}&issuer=Forge` });
  await send(popup, 'accounts/update', { id, fields: { sites: ['forge.test'] } });
}

const accountCount = async (popup: PopupPage) => (await send<{ accounts: unknown[] }>(popup, 'accounts/list', null)).accounts.length;

/** Clicks where the control is, with the real mouse, whatever state it is in (the page's attack decides what is there). */
const clickWhereItIs = (page: Page, control: AxControl) => clickControl(page, control, { force: true });

/**
 * Mounts the attack once the control has been in plain view (so the refusal is the attack's doing, not
 * the button's age), then waits for the extension to notice (the control turns aria-disabled). Old code
 * never notices: then the wait gives up and the click goes ahead, which is the attack succeeding.
 */
async function mountAttack(page: Page, control: AxControl, kind: string, afterMount?: () => Promise<void>): Promise<boolean> {
  expect(await waitForControlState(page, control, 'enabled', 10_000), 'the control becomes clickable in plain view').toBe(true);
  await page.evaluate((k) => (window as unknown as { attack(kind: string): void }).attack(k), kind);
  await afterMount?.();
  return waitForControlState(page, control, 'disabled', 5000);
}

/** What the click did: the field filled, or the extension refused (and said so in its own element). */
async function fillOutcome(page: Page): Promise<'filled' | 'refused'> {
  for (;;) {
    if ((await page.locator('#otp').inputValue()) !== '') return 'filled';
    if ((await findControls(page, 'StaticText', REFUSED)).length) return 'refused';
    await page.waitForTimeout(100);
  }
}

test.describe('the fill button acts only when it is in plain view at the click', () => {
  test('a normal click fills the bound account’s code', async ({ popup, browserWithExtension }) => {
    await vaultWithForgeAccount(popup);
    const page = await browserWithExtension.context.newPage();
    await page.goto('https://forge.test/guard-signin.html');
    const button = await waitForControl(page, 'button', /^Fill one-time code$/, 8000);
    expect(button).not.toBeNull();
    await clickControl(page, button!);
    await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
    expect(codesAroundNow(SECRET)).toContain(await page.locator('#otp').inputValue());
  });

  for (const kind of ['opacity', 'cover', 'clip', 'follow'] as const) {
    const what = {
      opacity: 'an ancestor at opacity 0.01',
      cover: 'an opaque decoy over it that lets clicks through',
      clip: 'clipped to a 6 px dot',
      follow: 'moved under the pointer, never still',
    }[kind];
    test(`${what}: the click fills nothing and says why`, async ({ popup, browserWithExtension }) => {
      await vaultWithForgeAccount(popup);
      const page = await browserWithExtension.context.newPage();
      await page.goto('https://forge.test/guard-signin.html');
      const button = (await waitForControl(page, 'button', /^Fill one-time code$/, 8000))!;
      expect(button).not.toBeNull();
      // The person moves towards the decoy; a following button slides under the pointer.
      const noticed = await mountAttack(page, button, kind, kind === 'follow' ? () => page.mouse.move(600, 400, { steps: 4 }) : undefined);
      if (kind === 'follow') await page.mouse.click(600, 400);
      else await clickWhereItIs(page, button);
      expect(await fillOutcome(page)).toBe('refused');
      expect(noticed, 'the button stopped counting clicks as soon as the page mounted the attack').toBe(true);
      expect(await page.locator('#otp').inputValue()).toBe('');
    });
  }
});

test.describe('the enrolment offer adds only when it is in plain view at the click', () => {
  for (const kind of ['opacity', 'cover'] as const) {
    const what = { opacity: 'the page at opacity 0.01', cover: 'a decoy in the top layer over it that lets clicks through' }[kind];
    test(`${what}: Add adds nothing and says why; in plain view again it adds`, async ({ popup, browserWithExtension }) => {
      await send(popup, 'vault/create', { passphrase: PASSPHRASE });
      const page = await browserWithExtension.context.newPage();
      await page.goto('https://accounts.demo.test/guard-enrol.html');
      const add = (await waitForControl(page, 'button', /^Add$/, 8000))!;
      expect(add).not.toBeNull();
      const noticed = await mountAttack(page, add, kind);
      await clickWhereItIs(page, add);
      let outcome: 'added' | 'refused' | null = null;
      while (!outcome) {
        if ((await findControls(page, 'StaticText', /^Added Demo Co/)).length) outcome = 'added';
        else if ((await findControls(page, 'StaticText', REFUSED)).length) outcome = 'refused';
        else await page.waitForTimeout(100);
      }
      expect(outcome).toBe('refused');
      expect(await accountCount(popup)).toBe(0);
      expect(noticed, 'Add stopped counting clicks as soon as the page mounted the attack').toBe(true);

      // In plain view again, the same offer adds with a normal click.
      await page.evaluate(() => (window as unknown as { stopAttack(): void }).stopAttack());
      await clickControl(page, (await waitForControl(page, 'button', /^Back$/, 3000))!);
      await clickControl(page, (await waitForControl(page, 'button', /^Add$/, 3000))!);
      expect(await waitForControl(page, 'StaticText', /^Added Demo Co/, 5000)).not.toBeNull();
      expect(await accountCount(popup)).toBe(1);
    });
  }
});

test.describe('a page where nothing is shown sees no trace of the extension', () => {
  const PAGES = {
    'quiet.html': 'an ordinary page',
    'quiet-setup.html': 'a page about two-factor settings with a blank square canvas, no QR code (the decoder is injected)',
    'quiet-code.html': 'a sign-in page with a code field (the fill button’s script is injected; its key button is the one DOM change)',
  };
  for (const [file, what] of Object.entries(PAGES)) {
    test(`${what}: no message, event, performance entry or DOM change`, async ({ popup, browserWithExtension }) => {
      await send(popup, 'vault/create', { passphrase: PASSPHRASE });
      const page = await browserWithExtension.context.newPage();
      await page.goto(`https://weather.test/${file}#${browserWithExtension.extensionId}`);
      // The extension did run here: its isolated world exists and its content script finished (the decoder too).
      const world = await openContentWorld(page);
      await expect.poll(() => world.evaluate<boolean>('typeof globalThis.__keyringLoadCost === "number"')).toBe(true);
      if (file === 'quiet-setup.html') await expect.poll(() => world.evaluate<boolean>('typeof globalThis.__keyringScanner === "object"')).toBe(true);
      if (file === 'quiet-code.html') await expect.poll(() => world.evaluate<boolean>('typeof globalThis.__keyringFillUi === "object"')).toBe(true);
      await world.detach();
      if (file === 'quiet-code.html') await expect(page.locator('keyring-fill')).toHaveCount(1);
      // Whatever a started script posts is delivered before an event the page posts now.
      await page.evaluate(() => new Promise<void>((resolve) => {
        addEventListener('message', (event) => event.data === 'probe-done' && resolve());
        postMessage('probe-done', '*');
      }));
      const seen = await page.evaluate(() => ({
        traces: (window as unknown as { traces: string[] }).traces,
        entries: performance.getEntries().filter((e) => e.entryType === 'mark' || e.entryType === 'measure').map((e) => `${e.entryType} ${e.name}`),
        // Anything fetched through the page (an image the extension loaded to read it, say) shows here.
        resources: performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname),
        elements: [...document.querySelectorAll('*')].map((e) => e.localName).filter((n) => !['html', 'head', 'meta', 'title', 'link', 'script', 'body', 'h1', 'p', 'form', 'label', 'input', 'button', 'canvas'].includes(n)),
        attributes: [document.documentElement, document.body].flatMap((e) => e.getAttributeNames()),
      }));
      // The key button's host is the one thing the code page shows; nothing else tells the page anything.
      const shown = file === 'quiet-code.html' ? ['mutation childList LABEL  KEYRING-FILL'] : [];
      expect(seen.traces.filter((t) => t !== 'message "probe-done"')).toEqual(shown);
      expect(seen.entries).toEqual([]);
      expect(seen.resources).toEqual(['/quiet-detector.js']);
      expect(seen.elements).toEqual(file === 'quiet-code.html' ? ['keyring-fill'] : []);
      expect(seen.attributes).toEqual(['lang']);
    });
  }
});

test.describe('a dismissed offer stays dismissed', () => {
  /** The popup's “Scan this page” on the enrolment tab: the scanner's own full rescan, finished when it answers. */
  async function rescan(popup: PopupPage, page: Page): Promise<{ found: number; status: string }> {
    await page.bringToFront();
    return send<{ found: number; status: string }>(popup, 'enrol/scanActiveTab', null);
  }
  const offerShown = async (page: Page) => (await findControls(page, 'dialog', /Add to your authenticator/)).length > 0;

  test('after Dismiss, rescans and page changes do not bring it back; a different QR code does', async ({ popup, browserWithExtension }) => {
    await send(popup, 'vault/create', { passphrase: PASSPHRASE });
    const page = await browserWithExtension.context.newPage();
    await page.goto('https://accounts.demo.test/guard-enrol.html');
    const dismiss = (await waitForControl(page, 'button', /^Dismiss$/, 8000))!;
    expect(dismiss).not.toBeNull();
    await clickControl(page, dismiss);
    await expect.poll(() => offerShown(page)).toBe(false);
    for (let i = 0; i < 3; i++) {
      await page.evaluate((n) => document.body.append(Object.assign(document.createElement('p'), { textContent: `Change ${n}` })), i);
      expect(await rescan(popup, page)).toEqual({ found: 1, status: 'offer_shown' });
      expect(await offerShown(page), `rescan ${i + 1}`).toBe(false);
      expect(await page.locator('keyring-offer').count()).toBe(0);
    }
    await page.evaluate(() => (window as unknown as { showOtherQr(): void }).showOtherQr());
    expect(await waitForControl(page, 'StaticText', /Other Co/, 8000), 'a new QR code is offered').not.toBeNull();
    expect(await findControls(page, 'StaticText', /Demo Co/), 'the dismissed one is not').toEqual([]);
  });

  test('Escape dismisses it, and it stays away', async ({ popup, browserWithExtension }) => {
    await send(popup, 'vault/create', { passphrase: PASSPHRASE });
    const page = await browserWithExtension.context.newPage();
    await page.goto('https://accounts.demo.test/guard-enrol.html');
    expect(await waitForControl(page, 'button', /^Add$/, 8000)).not.toBeNull();
    await page.keyboard.press('Escape');
    await expect.poll(() => offerShown(page)).toBe(false);
    for (let i = 0; i < 2; i++) {
      expect(await rescan(popup, page)).toEqual({ found: 1, status: 'offer_shown' });
      expect(await offerShown(page)).toBe(false);
    }
  });
});

test('the key button draws its own icon: no emoji, which shows as an empty box without an emoji font', async ({ popup, browserWithExtension }) => {
  await vaultWithForgeAccount(popup);
  const page = await browserWithExtension.context.newPage();
  await page.goto('https://forge.test/guard-signin.html');
  expect(await waitForControl(page, 'button', /^Fill one-time code$/, 8000)).not.toBeNull();
  const world = await openContentWorld(page);
  // The shadow root is closed to the page; the extension's own world (as a compromised renderer would) reads it.
  const inside = await world.evaluate<{ text: string; svg: number }>(`(() => {
    const host = document.querySelector('keyring-fill');
    const root = chrome.dom?.openOrClosedShadowRoot?.(host) ?? host.shadowRoot;
    const button = root.querySelector('button');
    return { text: button.textContent, svg: button.querySelectorAll('svg').length };
  })()`);
  await world.detach();
  expect(inside.svg).toBe(1);
  expect(inside.text).not.toMatch(/\p{Extended_Pictographic}/u);
});
