import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import jsQR from 'jsqr';
import { generate } from 'selfsigned';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { findInProfile } from './support/profile';
import { launchWithExtension } from './support/browser';
import { base32Decode, codesAroundNow, referenceHotp } from './support/totp-reference';

const PASSPHRASE = 'correct horse battery staple';
const GITHUB = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const BANK = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SOCIETE = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
const PROTON = 'NBSWY3DPEB3W64TMMQQHEZLNMFXGC5DF';

const uri = (type: string, issuer: string, name: string, secret: string, extra = '') =>
  `otpauth://${type}/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}${extra}`;

async function withAccounts(popup: PopupPage): Promise<void> {
  await popup.createVault(PASSPHRASE);
  await popup.addUri(uri('totp', 'GitHub', 'alice@example.com', GITHUB));
  await popup.addUri(uri('totp', 'Société Générale', 'alice', SOCIETE, '&digits=8&period=60&algorithm=SHA256'));
  await popup.addUri(uri('totp', 'Proton', 'alice', PROTON));
  await popup.expectAccount('Proton');
}

/**
 * Reads the browser's clipboard from a web page that was granted clipboard-read (an extension origin
 * cannot be granted it), then gives the focus back to the popup.
 */
async function readClipboard(popup: PopupPage): Promise<string> {
  const context = popup.page.context();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://corpus.test' });
  const reader = await context.newPage();
  try {
    await reader.goto('https://corpus.test/');
    await reader.bringToFront();
    return await reader.evaluate(() => navigator.clipboard.readText());
  } finally {
    await reader.close();
    await popup.page.bringToFront();
  }
}


test('click and Enter copy the live code to the clipboard, with a visible "copied" status', async ({ popup }) => {
  await withAccounts(popup);
  const { page } = popup;

  await popup.account('GitHub').getByRole('button', { name: /^GitHub,/ }).click();
  await expect(popup.status().filter({ hasText: 'GitHub code copied.' })).toBeVisible();
  expect(codesAroundNow(GITHUB)).toContain(await readClipboard(popup));

  await popup.account('Société Générale').getByRole('button', { name: /^Société Générale,/ }).focus();
  await page.keyboard.press('Enter');
  await expect(popup.status().filter({ hasText: 'Société Générale code copied.' })).toBeVisible();
  const copied = await readClipboard(popup);
  expect(copied).toMatch(/^\d{8}$/);
  expect(codesAroundNow(SOCIETE, { digits: 8, period: 60, hash: 'sha256' })).toContain(copied);
});

test('search matches issuer, name and bound site, ignoring case and accents', async ({ popup }) => {
  await withAccounts(popup);
  const { page } = popup;
  await page.keyboard.press('/');
  await expect(popup.searchBox()).toBeFocused();
  await page.keyboard.type('SOCIETE');
  expect(await popup.titles()).toEqual(['Société Générale']);
  await popup.searchBox().fill('alice');
  expect(await popup.titles()).toEqual(['GitHub', 'Société Générale', 'Proton']);
  await popup.searchBox().fill('nothing like it');
  await expect(page.getByText('No account matches “nothing like it”.')).toBeVisible();

  await popup.searchBox().fill('');
  await popup.openEdit('Proton');
  await page.getByLabel('Sites it may fill codes on').fill('proton.me');
  await page.getByRole('button', { name: 'Save' }).click();
  await popup.searchBox().fill('proton.me');
  expect(await popup.titles()).toEqual(['Proton']);
});

test('keyboard only: / to search, arrows to move, Enter to copy, Alt+Arrow to reorder, dialogs by Tab', async ({ popup }) => {
  await withAccounts(popup);
  const { page } = popup;
  const row = (title: string) => page.getByRole('button', { name: new RegExp(`^${title},`) });

  await page.keyboard.press('/');
  await page.keyboard.press('ArrowDown');
  await expect(row('GitHub')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(row('Société Générale')).toBeFocused();
  await page.keyboard.press('End');
  await expect(row('Proton')).toBeFocused();
  await page.keyboard.press('Enter');
  expect(codesAroundNow(PROTON)).toContain(await readClipboard(popup));

  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => popup.titles()).toEqual(['GitHub', 'Proton', 'Société Générale']);
  await expect(row('Proton')).toBeFocused();

  // The list as assistive technology sees it: a labelled list of buttons named by the account, each
  // described by its live code (aria-describedby), and moves that cannot happen hidden.
  await expect(page.getByRole('list', { name: 'Accounts' })).toMatchAriaSnapshot(`
    - list "Accounts":
      - listitem:
        - button /^GitHub, alice@example\\.com[:] copy the code$/
        - button "Pin GitHub to the top"
        - button "Move GitHub down"
        - button "Edit GitHub"
      - listitem:
        - button /^Proton, alice[:] copy the code$/
        - button "Pin Proton to the top"
        - button "Move Proton up"
        - button "Move Proton down"
        - button "Edit Proton"
      - listitem:
        - button /^Société Générale, alice[:] copy the code$/
        - button "Pin Société Générale to the top"
        - button "Move Société Générale up"
        - button "Edit Société Générale"
  `);
  const described = await page.getByRole('button', { name: 'GitHub, alice@example.com: copy the code' }).evaluate((button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent ?? '');
  expect(described.replace(/\s/g, '')).toMatch(/^\d{6}$/);

  // Tab to the row's Edit button, open it with Enter, change the name, save with Enter.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Edit Proton' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = popup.dialog('Edit Proton');
  await expect(dialog).toBeVisible();
  // The dialog opens with its first field focused.
  await expect(dialog.getByLabel('Issuer (service)')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Proton Mail');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row('Proton Mail')).toBeVisible();
  await page.keyboard.press('Escape');
});

test('pin moves an account to the top; move buttons and drag reorder; order survives reopening', async ({ popup }) => {
  await withAccounts(popup);
  const { page } = popup;
  await popup.account('Proton').getByRole('button', { name: 'Pin Proton to the top' }).click();
  await expect.poll(() => popup.titles()).toEqual(['Proton', 'GitHub', 'Société Générale']);
  await expect(popup.account('Proton').getByRole('button', { name: 'Pin Proton to the top' })).toHaveAttribute('aria-pressed', 'true');

  await popup.account('Société Générale').getByRole('button', { name: 'Move Société Générale up' }).click();
  await expect.poll(() => popup.titles()).toEqual(['Proton', 'Société Générale', 'GitHub']);

  await popup.account('GitHub').dragTo(popup.account('Société Générale'));
  await expect.poll(() => popup.titles()).toEqual(['Proton', 'GitHub', 'Société Générale']);

  await page.waitForTimeout(700); // the order is saved once reordering pauses
  await popup.open();
  await expect.poll(() => popup.titles()).toEqual(['Proton', 'GitHub', 'Société Générale']);
});

test('edit issuer, name, sites and notes; delete with undo', async ({ popup }) => {
  await withAccounts(popup);
  const { page } = popup;
  await popup.openEdit('GitHub');
  await page.getByLabel('Issuer (service)').fill('GitHub Work');
  await page.getByLabel('Account name').fill('alice-work');
  await page.getByLabel('Sites it may fill codes on').fill('github.com\nhttps://gist.github.com/x');
  await page.getByLabel('Notes').fill('Security key in the drawer');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(popup.account('GitHub Work')).toBeVisible();

  await popup.open();
  await popup.openEdit('GitHub Work');
  await expect(page.getByLabel('Account name')).toHaveValue('alice-work');
  await expect(page.getByLabel('Sites it may fill codes on')).toHaveValue('github.com');
  await expect(page.getByLabel('Notes')).toHaveValue('Security key in the drawer');

  await page.getByRole('button', { name: 'Delete account' }).click();
  await expect(popup.account('GitHub Work')).toHaveCount(0);
  await expect(page.getByText('GitHub Work deleted.')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(popup.account('GitHub Work')).toBeVisible();
  expect(codesAroundNow(GITHUB)).toContain(await popup.codeOf('GitHub Work'));
});

test('Show QR asks for the passphrase again and draws the account’s otpauth link', async ({ popup }) => {
  await withAccounts(popup);
  const { page } = popup;
  await popup.openEdit('GitHub');
  await page.getByRole('button', { name: 'Show QR' }).click();
  const dialog = popup.dialog('QR code for GitHub');
  await expect(dialog.getByRole('img')).toHaveCount(0);
  await dialog.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Wrong passphrase');
  await expect(dialog.getByRole('img')).toHaveCount(0);

  await dialog.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  const image = dialog.getByRole('img', { name: 'QR code of GitHub (alice@example.com)' });
  await expect(image).toBeVisible();
  const pixels = await image.evaluate((canvas) => {
    const c = canvas as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    return { width: data.width, height: data.height, bytes: Array.from(data.data) };
  });
  const decoded = jsQR(Uint8ClampedArray.from(pixels.bytes), pixels.width, pixels.height);
  expect(decoded?.data).toMatch(/^otpauth:\/\/totp\//);
  expect(new URL(decoded!.data).searchParams.get('secret')).toBe(GITHUB);
});

test('HOTP: next code increments the counter, which survives locking', async ({ popup }) => {
  await popup.createVault(PASSPHRASE);
  await popup.addUri(uri('hotp', 'Bank', 'bob', BANK, '&counter=5'));
  const secret = base32Decode(BANK);
  expect(await popup.codeOf('Bank')).toBe(referenceHotp(secret, 5));
  await popup.account('Bank').getByRole('button', { name: 'Next code for Bank' }).click();
  await expect.poll(() => popup.codeOf('Bank')).toBe(referenceHotp(secret, 6));
  await popup.account('Bank').getByRole('button', { name: 'Next code for Bank' }).click();
  await expect.poll(() => popup.codeOf('Bank')).toBe(referenceHotp(secret, 7));

  await popup.page.getByRole('button', { name: 'Lock' }).click();
  await popup.expectLocked();
  await popup.unlock(PASSPHRASE);
  await popup.expectUnlocked();
  expect(await popup.codeOf('Bank')).toBe(referenceHotp(secret, 7));
});

test('Steam accounts show Steam’s 5-character codes', async ({ popup }) => {
  await popup.createVault(PASSPHRASE);
  await popup.addUri(uri('totp', 'Steam', 'gabe', GITHUB, '&encoder=steam'));
  await expect.poll(() => popup.codeOf('Steam')).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
});

test('recovery codes: pasted, marked used, kept across relock, and never on disk in clear', async ({ server }) => {
  const browser = await launchWithExtension({ serverPort: server.port });
  try {
    const popup = await new PopupPage(await browser.context.newPage(), browser.extensionId).open();
    await popup.createVault(PASSPHRASE);
    await popup.addUri(uri('totp', 'GitHub', 'alice', GITHUB));
    const { page } = popup;
    await popup.openEdit('GitHub');
    await page.getByRole('button', { name: /^Recovery codes/ }).click();
    const dialog = popup.dialog('Recovery codes for GitHub');
    await dialog.getByLabel('Paste codes, one per line').fill('1. zq7xk-m2p9w\n2. rt4vb-8nq3c\n3. hw6yj-5ld2f');
    await dialog.getByRole('button', { name: 'Add codes' }).click();
    await dialog.getByRole('checkbox', { name: /rt4vb-8nq3c/ }).check();
    await expect(dialog.getByText('2 of 3 codes unused.')).toBeVisible();
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Lock' }).click();
    await popup.unlock(PASSPHRASE);
    await popup.expectUnlocked();
    await popup.openEdit('GitHub');
    await expect(page.getByRole('button', { name: 'Recovery codes (2 left)' })).toBeVisible();
    await page.getByRole('button', { name: /^Recovery codes/ }).click();
    await expect(dialog.getByRole('checkbox', { name: /rt4vb-8nq3c/ })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: /zq7xk-m2p9w/ })).not.toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: /hw6yj-5ld2f/ })).not.toBeChecked();
    // A marker a web page stores in clear: proves the search below can find what is on disk.
    const site = await browser.context.newPage();
    await site.goto('https://corpus.test/');
    await site.evaluate(() => localStorage.setItem('marker', 'POPUP-PROFILE-MARKER-51c2'));
    await browser.close();

    expect(await findInProfile(browser.userDataDir, [Buffer.from('POPUP-PROFILE-MARKER-51c2')])).not.toEqual([]);
    const needles = ['zq7xk-m2p9w', 'rt4vb-8nq3c', 'hw6yj-5ld2f'].flatMap((code) => [Buffer.from(code), Buffer.from(code, 'utf16le')]);
    expect(await findInProfile(browser.userDataDir, needles)).toEqual([]);
  } finally {
    await browser.dispose();
  }
});

test('first run teaches the three ways to add an account', async ({ popup }) => {
  await popup.createVault(PASSPHRASE);
  const empty = popup.page.getByRole('region', { name: /^No accounts yet/ });
  await expect(empty.getByRole('listitem')).toHaveCount(3);
  await expect(empty.getByRole('button', { name: 'Scan this page' })).toBeVisible();
  await empty.getByRole('button', { name: 'Type the key' }).click();
  await expect(popup.page.getByLabel('Issuer (service)')).toBeFocused();
  await expect(popup.page.getByLabel('Secret key')).toBeVisible();
});

test('clock check: warns when the site’s Date header is 2 minutes ahead, and applies the offset on request', async () => {
  // A site whose clock is 120 s ahead of this computer.
  const pems = await generate([{ name: 'commonName', value: 'skewed.test' }], { keyType: 'ec', curve: 'P-256' });
  const skewed = createServer({ key: pems.private, cert: pems.cert }, (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html', date: new Date(Date.now() + 120_000).toUTCString() }).end('<title>skewed</title>');
  });
  await new Promise<void>((resolve) => skewed.listen(0, '127.0.0.1', resolve));
  const browser = await launchWithExtension({ serverPort: (skewed.address() as AddressInfo).port });
  try {
    const popup = await new PopupPage(await browser.context.newPage(), browser.extensionId).open();
    await popup.createVault(PASSPHRASE);
    await popup.addUri(uri('totp', 'GitHub', 'alice', GITHUB));
    const site = await browser.context.newPage();
    await site.goto('https://bank.skewed.test/');
    await site.bringToFront();
    await popup.page.reload();
    const warning = popup.page.getByRole('alert').filter({ hasText: 'behind bank.skewed.test' });
    await expect(warning).toContainText(/clock is 1(19|20|21) s behind/);
    await warning.getByRole('button', { name: /^Correct codes by/ }).click();
    await expect(warning).toHaveCount(0);
    const shifted = [Date.now() + 90_000, Date.now() + 120_000, Date.now() + 150_000].map((t) => referenceHotp(base32Decode(GITHUB), Math.floor(t / 30_000)));
    await expect.poll(async () => shifted.includes(await popup.codeOf('GitHub'))).toBe(true);
  } finally {
    await browser.dispose();
    await new Promise<void>((resolve) => {
      skewed.close(() => resolve());
      skewed.closeAllConnections();
    });
  }
});

test('the countdown shows the seconds left and turns to a warning in the last 5 s of the step', async ({ popup }) => {
  test.setTimeout(90_000); // waits for real step boundaries
  await popup.createVault(PASSPHRASE);
  await popup.addUri(uri('totp', 'GitHub', 'alice', GITHUB));
  const { page } = popup;
  const timer = popup.account('GitHub').locator('.timer');
  const colour = () => timer.evaluate((el) => getComputedStyle(el).color);
  // The number drawn in the ring is the counter of this animated property.
  const secondsShown = async () => Number(await popup.account('GitHub').locator('.countdown').evaluate((el) => getComputedStyle(el).getPropertyValue('--secs')));
  const danger = await page.evaluate(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--danger)';
    document.body.append(probe);
    const value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  });

  const untilLeft = async (secondsLeft: number) => {
    const left = 30_000 - (Date.now() % 30_000);
    let wait = left - secondsLeft * 1000;
    if (wait < 0) wait += 30_000;
    await page.waitForTimeout(wait);
  };
  await untilLeft(12);
  expect(await colour()).not.toBe(danger);
  const seconds = await secondsShown();
  expect(seconds).toBeGreaterThanOrEqual(10);
  expect(seconds).toBeLessThanOrEqual(13);
  await untilLeft(3);
  expect(await colour()).toBe(danger);
  // After the boundary the new step starts calm again, with the next code.
  await untilLeft(25);
  expect(await colour()).not.toBe(danger);
  expect(codesAroundNow(GITHUB)).toContain(await popup.codeOf('GitHub'));
});
