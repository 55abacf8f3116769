// Account icons (issue #16): a site's own icon is kept at enrolment and when an account is bound to a site,
// fetched by the background without the person's cookies, re-encoded, and shown in the popup and the chooser.
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { launchWithExtension } from './support/browser';
import { clickControl, waitForControl } from './support/ax';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value: unknown }> } };

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const RED = [220, 20, 20];
const BLUE = [20, 60, 220];

interface IconView {
  issuer: string;
  icon?: { kind: string; mime?: string; data?: string };
}

const listed = async (popup: PopupPage) =>
  ((await popup.page.evaluate(() => chrome.runtime.sendMessage({ type: 'accounts/list', payload: null }))).value as { accounts: IconView[] }).accounts;

/** Waits until the account has an icon (it follows the enrolment in the background), and returns it. */
async function iconOf(popup: PopupPage, issuer: string): Promise<NonNullable<IconView['icon']>> {
  await expect.poll(async () => (await listed(popup)).find((a) => a.issuer === issuer)?.icon?.kind, { timeout: 15_000 }).toBe('image');
  return (await listed(popup)).find((a) => a.issuer === issuer)!.icon!;
}

/** The colour at the centre of a data-URL image and its size, drawn in the popup page. */
function centreOf(page: Page, src: string): Promise<{ width: number; height: number; rgb: number[] }> {
  return page.evaluate(async (url) => {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const [r, g, b] = context.getImageData(image.naturalWidth / 2, image.naturalHeight / 2, 1, 1).data;
    return { width: image.naturalWidth, height: image.naturalHeight, rgb: [r!, g!, b!] };
  }, src);
}

async function enrol(context: BrowserContext, url: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(url);
  const add = await waitForControl(page, 'button', /^Add$/, 8000);
  expect(add, 'the offer shows an Add button').not.toBeNull();
  await clickControl(page, add!);
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
  await page.close();
}

test('enrolment keeps the page’s own icon, re-encoded as a 64 px PNG, and the popup shows it instead of the letter', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  await enrol(browserWithExtension.context, 'https://accounts.demo.test/enrol-icon.html');
  const icon = await iconOf(popup, 'Demo Co');
  expect(icon.mime).toBe('image/png');
  const drawn = await centreOf(popup.page, `data:image/png;base64,${icon.data}`);
  expect(drawn.width).toBe(64);
  expect(drawn.height).toBe(64);
  expect(drawn.rgb).toEqual(RED);

  await popup.open();
  const avatar = popup.page.locator('li.account', { hasText: 'Demo Co' }).locator('img.avatar-image');
  await expect(avatar).toBeVisible();
  await expect(avatar).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect(avatar).toHaveAttribute('alt', '');
});

test('the icon is fetched without the person’s cookies: an icon only a signed-in person may load is not the one kept', async ({ server }) => {
  // A browser that sends cookies with cross-site requests, so a fetch WITH credentials would carry the
  // page's cookie and get the red icon: the test fails if the background sends credentials.
  const browser = await launchWithExtension({ serverPort: server.port, allowThirdPartyCookies: true });
  try {
    const popup = await new PopupPage(await browser.context.newPage(), browser.extensionId).open();
    await popup.createVault(PASSPHRASE);
    await browser.context.addCookies([{ name: 'sid', value: 'signed-in', domain: 'accounts.demo.test', path: '/', secure: true, sameSite: 'None' }]);
    await enrol(browser.context, 'https://accounts.demo.test/enrol-icon-cookie.html');
    const icon = await iconOf(popup, 'Demo Co');
    // The site's public /favicon.ico (blue), not the cookie-gated red icon.
    expect((await centreOf(popup.page, `data:image/png;base64,${icon.data}`)).rgb).toEqual(BLUE);
  } finally {
    await browser.dispose();
  }
});

test('binding an account to a site keeps that site’s favicon', async ({ popup, browserWithExtension }) => {
  const { context } = browserWithExtension;
  await popup.createVault(PASSPHRASE);
  await popup.addManual({ issuer: 'GitHub', name: 'octocat', secret: SECRET });
  expect((await listed(popup))[0]?.icon).toBeUndefined();
  const page = await context.newPage();
  await page.goto('https://github.com/signin.html');
  const opened = context.waitForEvent('page', { predicate: (p) => p.url().includes('/bind.html'), timeout: 15_000 });
  const key = await waitForControl(page, 'button', /^Fill one-time code/, 10_000);
  await clickControl(page, key!);
  const bind = await opened;
  await bind.getByRole('radio', { name: /GitHub — octocat/ }).check();
  await bind.getByRole('button', { name: 'Use on github.com and fill' }).click();
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
  const icon = await iconOf(popup, 'GitHub');
  expect((await centreOf(popup.page, `data:image/png;base64,${icon.data}`)).rgb).toEqual(BLUE);
});
