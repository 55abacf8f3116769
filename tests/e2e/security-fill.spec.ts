// Attacks on sign-in autofill and on the site an account is bound to (issue #10, findings 2, 3, 6, 10),
// performed against the built extension in real Chromium with real host names (--host-resolver-rules).
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { expect, SITE_DIR, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { clickControl, findControls, waitForControl } from './support/ax';
import { launchWithExtension, stopServiceWorkers } from './support/browser';
import { openContentWorld, type ContentWorld } from './support/content-world';
import { codesAroundNow, referenceTotp } from './support/totp-reference';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const KEY_BUTTON = /^Fill one-time code/;

interface Reply<T = unknown> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string };
}
interface AccountSummary {
  id: string;
  issuer: string;
  sites: string[];
}

/** A request from an extension page (the popup): what the person's own UI may ask. */
async function send<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const)) as Reply<T>;
  if (!reply.ok) throw new Error(`${type}: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}

const accounts = async (popup: PopupPage) => (await send<{ accounts: AccountSummary[] }>(popup.page, 'accounts/list', null)).accounts;

/** The same request sent from the content-script world of a page: the compromised-renderer attacker. */
const sendFromPage = (world: ContentWorld, type: string, payload: unknown) =>
  world.evaluate<Reply>(`chrome.runtime.sendMessage(${JSON.stringify({ type, payload })})`);

/** The extension's binding window, once the background opens it. */
const bindWindow = (context: BrowserContext) => context.waitForEvent('page', { predicate: (p) => p.url().includes('/bind.html'), timeout: 15_000 });

/** Clicks the page's key button and reports what answered: the extension's binding window, or an offer inside the page. */
async function pressKey(context: BrowserContext, page: Page, offerInPage: RegExp): Promise<{ window: Page | null; offer: string | null }> {
  const key = await waitForControl(page, 'button', KEY_BUTTON, 10_000);
  expect(key, 'the key button is shown on the one-time-code field').not.toBeNull();
  const opened = bindWindow(context).catch(() => null);
  await clickControl(page, key!);
  let answered = false;
  const inPage = (async () => {
    for (const deadline = Date.now() + 15_000; !answered && Date.now() < deadline; await new Promise((r) => setTimeout(r, 150))) {
      const [control] = await findControls(page, 'button', offerInPage);
      if (control) return control.name;
    }
    return null;
  })();
  const first = await Promise.race([opened.then((w) => ({ window: w, offer: null })), inPage.then((offer) => ({ window: null, offer }))]);
  answered = true;
  if (first.window) return { window: first.window, offer: (await findControls(page, 'button', offerInPage))[0]?.name ?? null };
  return first;
}

test('an unbound “GitHub” account is neither offered nor bound on look-alike hosts, and the page cannot bind it', async ({ popup, browserWithExtension }) => {
  const { context } = browserWithExtension;
  await popup.createVault(PASSPHRASE);
  await popup.addManual({ issuer: 'GitHub', name: 'octocat', secret: SECRET });
  await popup.expectAccount('GitHub');
  const [github] = await accounts(popup);
  expect(github?.sites).toEqual([]);

  for (const host of ['github.co', 'gith.io', 'githu.example']) {
    const page = await context.newPage();
    await page.goto(`https://${host}/signin.html`);
    // The person presses the key: the decision is taken in the extension's own window, naming the site.
    const answer = await pressKey(context, page, /GitHub/);
    expect(answer.offer, `${host}: no account is offered inside the page`).toBeNull();
    expect(answer.window, `${host}: the extension's binding window opens`).not.toBeNull();
    await expect(answer.window!.getByTestId('bind-site')).toHaveText(host);
    await answer.window!.close(); // the person sees the look-alike address and does not confirm
    await expect(page.locator('#otp')).toHaveValue('');

    // A compromised renderer in the content-script world tries every way to bind or read the account.
    const world = await openContentWorld(page);
    const pick = await sendFromPage(world, 'autofill/pick', { id: github!.id, bind: true });
    expect(pick.ok && (pick.value as { kind: string }).kind, `${host}: a forged pick gets no code`).not.toBe('code');
    const code = await sendFromPage(world, 'autofill/code', { preferredId: github!.id });
    expect(code.ok && (code.value as { kind: string }).kind, `${host}: no code for the unbound account`).not.toBe('code');
    for (const type of ['autofill/bindRequest', 'autofill/bind', 'accounts/update']) {
      const reply = await sendFromPage(world, type, type === 'accounts/update' ? { id: github!.id, fields: { sites: [host] } } : { request: 'guess', id: github!.id });
      expect(reply.error?.code, `${host}: ${type} from a page`).toBe('forbidden');
    }
    await world.detach();
    await page.close();
  }
  expect((await accounts(popup))[0]?.sites, 'still bound to no site').toEqual([]);
});

test('the key button on a site with no bound account leads to the binding window; confirming binds and fills', async ({ popup, browserWithExtension }) => {
  const { context } = browserWithExtension;
  await popup.createVault(PASSPHRASE);
  await popup.addManual({ issuer: 'GitHub', name: 'octocat', secret: SECRET });
  await popup.addManual({ issuer: 'Bank', name: 'alice', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' });
  await popup.expectAccount('Bank');
  const page = await context.newPage();
  await page.goto('https://github.com/signin.html');
  const { window, offer } = await pressKey(context, page, /GitHub/);
  expect(offer).toBeNull();
  expect(window).not.toBeNull();
  const bind = window!;
  await expect(bind.getByTestId('bind-site')).toHaveText('github.com');
  await bind.getByRole('radio', { name: /GitHub — octocat/ }).check();
  const closed = bind.waitForEvent('close');
  await bind.getByRole('button', { name: 'Use on github.com and fill' }).click();
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
  expect(codesAroundNow(SECRET)).toContain(await page.locator('#otp').inputValue());
  await closed;
  const held = await accounts(popup);
  expect(held.find((a) => a.issuer === 'GitHub')?.sites).toEqual(['github.com']);
  expect(held.find((a) => a.issuer === 'Bank')?.sites).toEqual([]);
});

/** Serves tests/e2e/site over plain HTTP on 127.0.0.1 (the network attacker's playground). */
async function startPlainHttpServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const name = new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/+/, '');
    if (!/^[\w.-]+$/.test(name)) return void response.writeHead(404).end();
    readFile(join(SITE_DIR, name)).then(
      (body) => response.writeHead(200, { 'content-type': name.endsWith('.png') ? 'image/png' : 'text/html; charset=utf-8' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test('a set-up page on plain HTTP binds no account to the HTTPS site', async ({ server }) => {
  const http = await startPlainHttpServer();
  const browser = await launchWithExtension({ serverPort: server.port, hostRules: [`MAP bank.example:80 127.0.0.1:${http.port}`], extraArgs: ['--disable-features=HttpsUpgrades'] });
  try {
    const popup = await new PopupPage(await browser.context.newPage(), browser.extensionId).open();
    await popup.createVault(PASSPHRASE);
    const page = await browser.context.newPage();
    await page.goto('http://bank.example/enrol.html');
    expect(page.url()).toBe('http://bank.example/enrol.html');
    const add = await waitForControl(page, 'button', /^Add$/, 10_000);
    expect(add, 'the QR is read').not.toBeNull();
    await clickControl(page, add!);
    expect(await waitForControl(page, 'StaticText', /only from secure \(HTTPS\) pages/, 10_000), 'the add is refused, saying why').not.toBeNull();
    await expect(page.locator('#otp')).toHaveValue('');
    expect(await accounts(popup), 'nothing was added, so nothing is bound to bank.example').toEqual([]);

    // The real site over HTTPS: nothing to fill from the page's secret.
    const real = await browser.context.newPage();
    await real.goto('https://bank.example/signin.html');
    const { window } = await pressKey(browser.context, real, /Demo Co/);
    expect(window).not.toBeNull();
    await expect(window!.getByTestId('bind-site')).toHaveText('bank.example');
    await expect(real.locator('#otp')).toHaveValue('');
  } finally {
    await browser.dispose();
    await http.close();
  }
});

/** The content-script world of a frame, whether Chromium runs it in the page's process or its own. */
async function frameContentWorld(page: Page, frame: Frame): Promise<ContentWorld> {
  try {
    return await openContentWorld(page, 'Keyring', new URL(frame.url()).pathname);
  } catch {
    const cdp = await page.context().newCDPSession(frame);
    const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', (event: { context: (typeof contexts)[number] }) => contexts.push(event.context));
    await cdp.send('Runtime.enable');
    const isolated = contexts.find((c) => c.auxData?.type === 'isolated' && c.name.includes('Keyring'));
    if (!isolated) throw new Error('no Keyring world in the frame');
    return {
      evaluate: async <T,>(expression: string) => {
        const result = (await cdp.send('Runtime.evaluate', { expression, contextId: isolated.id, awaitPromise: true, returnByValue: true })) as { result: { value?: unknown } };
        return result.result.value as T;
      },
      detach: () => cdp.detach(),
    };
  }
}

test('a sandboxed frame (opaque origin) at the bound site’s address gets no code', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  await popup.addManual({ issuer: 'Bank', name: 'alice', secret: SECRET });
  await popup.expectAccount('Bank');
  const [bank] = await accounts(popup);
  await send(popup.page, 'accounts/update', { id: bank!.id, fields: { sites: ['bank.example'] } });

  const page = await browserWithExtension.context.newPage();
  await page.goto('https://bank.example/sandboxed-frame.html');
  const frame = page.frames().find((f) => f.url().endsWith('/signin.html'))!;
  await expect.poll(() => frame.evaluate(() => self.origin)).toBe('null');
  await expect.poll(async () => frameContentWorld(page, frame).then(async (w) => (await w.detach(), true), () => false)).toBe(true);
  const world = await frameContentWorld(page, frame);
  const probe = await sendFromPage(world, 'autofill/probe', null);
  expect((probe.value as { fillable: boolean }).fillable, 'the frame may not get a key button').toBe(false);
  const code = await sendFromPage(world, 'autofill/code', { preferredId: bank!.id });
  expect((code.value as { kind: string }).kind, 'the frame gets no code').toBe('none');
  await world.detach();
  expect(await findControls(page, 'button', KEY_BUTTON)).toEqual([]);
  await expect(frame.locator('#otp')).toHaveValue('');

  // The same page at the top level is the site itself: filled (the control for the test above).
  const top = await browserWithExtension.context.newPage();
  await top.goto('https://bank.example/signin.html');
  await clickControl(top, (await waitForControl(top, 'button', KEY_BUTTON, 10_000))!);
  await expect(top.locator('#otp')).toHaveValue(/^\d{6}$/);
});

test('the same time step’s code is never filled twice, even after the service worker restarts: the second fill waits for the next step', async ({ popup, browserWithExtension }) => {
  test.setTimeout(90_000);
  const period = 15;
  await popup.createVault(PASSPHRASE);
  await popup.addUri(`otpauth://totp/Bank:alice?secret=${SECRET}&issuer=Bank&period=${period}`);
  await popup.expectAccount('Bank');
  const [bank] = await accounts(popup);
  await send(popup.page, 'accounts/update', { id: bank!.id, fields: { sites: ['bank.example'] } });
  const page = await browserWithExtension.context.newPage();
  await page.goto('https://bank.example/signin.html');
  const key = (await waitForControl(page, 'button', KEY_BUTTON, 10_000))!;

  const stepMs = period * 1000;
  const stepOf = (code: string, around: number) => {
    for (let step = Math.floor(around / stepMs) - 2; step <= Math.floor(around / stepMs) + 2; step++) {
      if (referenceTotp(SECRET, step * stepMs, { period }) === code) return step;
    }
    throw new Error(`${code} is no code of the account around ${around}`);
  };
  // Both presses in one step, so the old behaviour (the same code again) would show: start early in a step.
  const left = stepMs - (Date.now() % stepMs);
  if (left < 10_000) await page.waitForFunction((ms) => Date.now() % ms < 3000, stepMs, { polling: 100, timeout: stepMs });

  await clickControl(page, key);
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
  const first = await page.locator('#otp').inputValue();
  const firstStep = stepOf(first, Date.now());
  await page.locator('#otp').fill('');
  // The record is the background's: the content-script world can neither read nor reset it.
  const world = await openContentWorld(page);
  const seen = await world.evaluate<string>(
    `chrome.storage.session ? chrome.storage.session.get(null).then((v) => JSON.stringify(v), (e) => 'refused: ' + e.message) : 'no session storage'`,
  );
  expect(seen).not.toContain('handedOutSteps');
  expect(await world.evaluate<string>(`chrome.storage.session ? chrome.storage.session.clear().then(() => 'cleared', (e) => 'refused: ' + e.message) : 'no session storage'`)).not.toBe('cleared');
  await world.detach();
  // What was handed out survives the service worker being stopped (storage.session, not its memory).
  await stopServiceWorkers(browserWithExtension);

  const pressedAt = Date.now();
  await clickControl(page, (await findControls(page, 'button', KEY_BUTTON))[0] ?? key);
  const stepLeft = (firstStep + 1) * stepMs - pressedAt;
  if (stepLeft > 6000) {
    // Still well within the step: the button says how long until the next code instead of filling the used one.
    expect(await waitForControl(page, 'button', /Next code in \d+ s/, stepLeft - 1000), 'the key button shows the seconds left').not.toBeNull();
  }
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/, { timeout: stepMs + 10_000 });
  const second = await page.locator('#otp').inputValue();
  expect(second).not.toBe(first);
  expect(stepOf(second, Date.now())).toBeGreaterThan(firstStep);
  expect(Date.now(), 'filled only once the next step had begun').toBeGreaterThanOrEqual((firstStep + 1) * stepMs);
});
