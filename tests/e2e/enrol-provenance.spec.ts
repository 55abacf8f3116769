import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { clickControl, findControls, waitForControl } from './support/ax';
import { launchWithExtension } from './support/browser';
import { openContentWorld } from './support/content-world';
import { PopupPage } from './pages/popup';

// Finding 1 of the trust-boundary issue: an account is offered, and bound, only to a site that could read the
// QR itself. Finding 11: the background fetches images only where anyone could. Finding 9: only what is on
// screen now is offered. Hostile pages live on evil.example, the victim on victim.example (every host name
// resolves to the test server, see fixtures.ts).

const PASSPHRASE = 'correct horse battery staple';

interface ListedAccount {
  issuer: string;
  name: string;
  sites: string[];
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value: unknown }> } };

async function vaultAccounts(popup: PopupPage): Promise<ListedAccount[]> {
  const reply = await popup.page.evaluate(() => chrome.runtime.sendMessage({ type: 'accounts/list', payload: null }));
  return (reply.value as { accounts: ListedAccount[] }).accounts;
}

/** Text of the offer(s) in the page's TOP frame only (the offer is a closed shadow root: read through the AX tree). */
async function topFrameTexts(page: Page, pattern: RegExp): Promise<string[]> {
  return (await findControls(page, 'StaticText', pattern)).filter((c) => c.frame === page.mainFrame()).map((c) => c.name);
}

async function waitForTopFrameText(page: Page, pattern: RegExp, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  do {
    if ((await topFrameTexts(page, pattern)).length) return true;
    await page.waitForTimeout(150);
  } while (Date.now() < deadline);
  return false;
}

async function addFromTopFrame(page: Page): Promise<void> {
  // A page whose QR changes re-renders the offer at each scan: a button found a moment ago may be gone.
  for (let attempt = 0; attempt < 5; attempt++) {
    const add = (await findControls(page, 'button', /^Add( all)?\b/)).find((c) => c.frame === page.mainFrame());
    expect(add, 'the top frame offers something to add').toBeDefined();
    const clicked = await clickControl(page, add!).then(
      () => true,
      () => false,
    );
    if (clicked && (await waitForTopFrameText(page, /Added|Already in your authenticator/, 5000))) return;
  }
  throw new Error('the offer never confirmed an addition');
}

test('a transparent canvas over a framed victim’s QR: the hostile page is not offered the victim’s account', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const page = await browserWithExtension.context.newPage();
  await page.goto('https://evil.example/attack-overlay.html');
  // The hostile page's own QR is read in the same scan as the canvas laid over the victim's QR.
  expect(await waitForTopFrameText(page, /Evil Corp/, 10_000), 'the hostile page’s own QR is offered').toBe(true);
  // Rescans keep reading; give them every chance: the victim's own frame offers its QR (its own business).
  expect(await waitForControl(page, 'StaticText', /Victim Bank/, 8000)).not.toBeNull();
  await page.mouse.click(700, 500); // a click makes the top frame's scanner look again
  expect(await waitForTopFrameText(page, /Evil Corp/, 3000)).toBe(true);
  expect(await topFrameTexts(page, /Victim Bank|alice@victim/)).toEqual([]);
  await addFromTopFrame(page);
  const bound = (await vaultAccounts(popup)).filter((a) => a.sites.includes('evil.example'));
  expect(bound.map((a) => a.issuer)).toEqual(['Evil Corp']);
});

test('a victim’s per-session QR shown as a cross-site image: no offer of the victim’s account', async ({ server }) => {
  // A browser that sends the victim's cookie with cross-site images (this Chromium blocks that by default).
  const browser = await launchWithExtension({ serverPort: server.port, allowThirdPartyCookies: true });
  try {
    const popup = await new PopupPage(await browser.context.newPage(), browser.extensionId).open();
    await popup.createVault(PASSPHRASE);
    await browser.context.addCookies([{ name: 'victim_session', value: 'signed-in', domain: 'victim.example', path: '/', secure: true, sameSite: 'None' }]);
    const page = await browser.context.newPage();
    await page.goto('https://evil.example/attack-cookie-img.html');
    // The image shows (the browser sent the victim's cookie with it) ...
    await expect.poll(() => page.locator('#stolen').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await waitForTopFrameText(page, /Evil Corp/, 10_000)).toBe(true);
    await page.mouse.click(700, 500); // a click makes the scanner look again
    expect(await waitForTopFrameText(page, /Evil Corp/, 3000)).toBe(true);
    // ... but neither the page nor anyone without the cookie can read it, so the extension does not either.
    expect(await topFrameTexts(page, /Victim Bank|alice@victim/)).toEqual([]);
    await addFromTopFrame(page);
    expect((await vaultAccounts(popup)).map((a) => a.issuer)).toEqual(['Evil Corp']);
  } finally {
    await browser.dispose();
  }
});

test('the background never fetches an intranet or plain-HTTP image a page names', async ({ server }) => {
  const requests: string[] = [];
  const intranet = createServer((request: IncomingMessage, response) => {
    requests.push(`${request.headers.host ?? ''}${request.url ?? ''}`);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => intranet.listen(0, '127.0.0.1', resolve));
  const port = (intranet.address() as AddressInfo).port;
  const browser = await launchWithExtension({ serverPort: server.port, hostRules: [`MAP nas.intranet 127.0.0.1:${port}`] });
  try {
    const page = await browser.context.newPage();
    await page.goto('https://evil.example/attack-intranet.html');
    // The page's scan (its CSS background names http://nas.intranet/...) has run once its own QR is offered.
    expect(await waitForTopFrameText(page, /Evil Corp/, 10_000)).toBe(true);
    // A compromised renderer asks directly, for plain HTTP, loopback and private addresses.
    const world = await openContentWorld(page);
    const asked = [`http://nas.intranet/direct.png`, `http://127.0.0.1:${port}/loopback.png`, `https://127.0.0.1:${port}/loopback-tls.png`, `http://localhost:${port}/localhost.png`];
    const answers = await world.evaluate<unknown[]>(
      `Promise.all(${JSON.stringify(asked)}.map((url) => chrome.runtime.sendMessage({ type: 'enrol/decodeImageUrl', payload: { url } })))`,
    );
    await world.detach();
    expect(answers).toHaveLength(asked.length);
    for (const answer of answers) expect(answer).toMatchObject({ ok: true, value: { text: null } });
    // A control request made by the test itself proves the server would have logged one.
    await fetch(`http://127.0.0.1:${port}/control`);
    expect(requests).toEqual([`127.0.0.1:${port}/control`]);
  } finally {
    await browser.dispose();
    await new Promise<void>((resolve) => intranet.close(() => resolve()));
  }
});

test('a QR that changes every 100 ms: the offer lists only the one on screen, and adds only that', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const page = await browserWithExtension.context.newPage();
  await page.goto('https://rotator.example/enrol-rotating.html');
  expect(await waitForTopFrameText(page, /Rotator/, 10_000)).toBe(true);
  await page.bringToFront(); // "Scan this page" scans the active tab
  const shown = async () => Number(await page.locator('#shown').textContent());
  const counts: number[] = [];
  for (let scan = 0; scan < 6; scan++) {
    const before = await shown();
    await expect.poll(shown).toBeGreaterThan(before + 2); // the page has moved on to other codes meanwhile
    const report = (await popup.page.evaluate(() => chrome.runtime.sendMessage({ type: 'enrol/scanActiveTab', payload: null }))).value as { found: number };
    counts.push(report.found);
  }
  expect(counts.every((n) => n <= 1), `accounts found per scan: ${counts.join(', ')}`).toBe(true);
  expect(counts.some((n) => n === 1), `accounts found per scan: ${counts.join(', ')}`).toBe(true);
  expect((await topFrameTexts(page, /Rotator — user\d/)).length).toBe(1);
  await addFromTopFrame(page);
  const added = await vaultAccounts(popup);
  expect(added).toHaveLength(1);
  expect(added[0]).toMatchObject({ issuer: 'Rotator', sites: ['rotator.example'] });
});

test('still offered: a public CDN image, a cross-origin frame’s own QR, a canvas the page drew itself', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const page = await browserWithExtension.context.newPage();

  await page.goto('https://shop.example/enrol-cdn.html');
  expect(await waitForTopFrameText(page, /Evil Corp/, 10_000), 'CDN image, fetched without credentials').toBe(true);
  await addFromTopFrame(page);

  await page.goto('https://portal.example/enrol-frame-host.html');
  const add = await waitForControl(page, 'button', /^Add$/, 10_000);
  expect(add?.frame.url(), 'offered by the frame itself').toBe('https://accounts.demo.test/enrol.html');
  await clickControl(page, add!);
  expect(await waitForControl(page, 'StaticText', /Added Demo Co/, 5000)).not.toBeNull();

  await page.goto('https://canvas.example/enrol-own-canvas.html');
  expect(await waitForTopFrameText(page, /Rotator — user3/, 10_000), 'the page’s own canvas').toBe(true);
  await addFromTopFrame(page);

  const sites = Object.fromEntries((await vaultAccounts(popup)).map((a) => [a.issuer, a.sites]));
  expect(sites).toEqual({ 'Evil Corp': ['shop.example'], 'Demo Co': ['demo.test'], Rotator: ['canvas.example'] });
});
