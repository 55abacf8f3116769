import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import jsQR from 'jsqr';
import { generate } from 'selfsigned';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { findInProfile } from './support/profile';
import { launchWithExtension } from './support/browser';
import { base32Decode, codesAroundNow, referenceHotp } from './support/totp-reference';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

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
  await expect.poll(() => popup.titles()).toEqual(['Société Générale']);
  await popup.searchBox().fill('alice');
  await expect.poll(() => popup.titles()).toEqual(['GitHub', 'Société Générale', 'Proton']);
  await popup.searchBox().fill('nothing like it');
  await expect(page.getByText('No account matches “nothing like it”.')).toBeVisible();

  await popup.searchBox().fill('');
  await popup.openEdit('Proton');
  await page.getByLabel('Sites it may fill codes on').fill('proton.me');
  await page.getByRole('button', { name: 'Save' }).click();
  await popup.searchBox().fill('proton.me');
  await expect.poll(() => popup.titles()).toEqual(['Proton']);
});

test('keyboard only: / to search, arrows to move, Enter to copy, Alt+Arrow to reorder, the row menu and dialogs by keys', async ({ popup }) => {
  await withAccounts(popup);
  const { page } = popup;
  const row = (title: string) => popup.rowButton(title);

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

  // The list as assistive technology sees it: a labelled list; each row a button named by what it
  // shows (service, name and the code itself, so voice control can say what it sees) and one menu button.
  await expect(page.getByRole('list', { name: 'Accounts' })).toMatchAriaSnapshot(`
    - list "Accounts":
      - listitem:
        - button /^GitHub, alice@example\\.com, \\d{3} \\d{3}$/
        - button "More for GitHub"
      - listitem:
        - button /^Proton, alice, \\d{3} \\d{3}$/
        - button "More for Proton"
      - listitem:
        - button /^Société Générale, alice, \\d{4} \\d{4}$/
        - button "More for Société Générale"
  `);
  const named = await row('GitHub').getAttribute('aria-describedby');
  expect(await page.locator(`#${named}`).textContent()).toContain('Alt+Up');
  const shown = (await popup.account('GitHub').getByTestId('code').textContent()) ?? '';
  await expect(row('GitHub')).toHaveAccessibleName(new RegExp(`${shown}$`));

  // Tab to the row's menu, open it with Enter: the first item has the focus, arrows move, Escape goes back.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'More for Proton' })).toBeFocused();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'More for Proton' });
  await expect(menu.getByRole('menuitem', { name: 'Pin to the top' })).toBeFocused();
  await expect(menu.getByRole('menuitem')).toHaveText(['Pin to the top', 'Move upAlt+↑', 'Move downAlt+↓', 'Edit…']);
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Move up' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(page.getByRole('button', { name: 'More for Proton' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Edit…' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = popup.dialog('Edit Proton');
  await expect(dialog).toBeVisible();
  // The dialog opens with its first field focused.
  await expect(dialog.getByLabel('Service')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Proton Mail');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row('Proton Mail')).toBeVisible();
  await expect(page.getByRole('button', { name: 'More for Proton Mail' })).toBeFocused();
});

test('the edit dialog keeps Tab and Shift+Tab inside it', async ({ popup }) => {
  await withAccounts(popup);
  const { page } = popup;
  await popup.openEdit('GitHub');
  const dialog = popup.dialog('Edit GitHub');
  const close = dialog.getByRole('button', { name: 'Close' });
  const last = dialog.getByRole('button', { name: 'Delete account' });
  await close.focus();
  await page.keyboard.press('Shift+Tab');
  await expect(last).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(close).toBeFocused();
  // Walk the whole dialog forward: every stop is inside it.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
  }
});

test('pin moves an account to the top; move buttons and drag reorder; order survives reopening', async ({ popup }) => {
  await withAccounts(popup);
  const { page } = popup;
  await popup.menuAction('Proton', 'Pin to the top');
  await expect.poll(() => popup.titles()).toEqual(['Proton', 'GitHub', 'Société Générale']);
  await expect(popup.rowButton('Proton')).toBeFocused();
  await expect(popup.rowButton('Proton')).toHaveAccessibleName(/^Proton, alice, \(pinned\)/);
  const menu = await popup.openMenu('Proton');
  await expect(menu.getByRole('menuitem', { name: 'Unpin' })).toBeVisible();
  await page.keyboard.press('Escape');

  await popup.menuAction('Société Générale', /^Move up/);
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
  await page.getByLabel('Service').fill('GitHub Work');
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

  // Delete asks once more, with the safe choice focused; Cancel goes back to the form.
  await page.getByRole('button', { name: 'Delete account' }).click();
  const confirm = popup.dialog('Delete GitHub Work?');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Delete account' })).toBeFocused();
  await page.getByRole('button', { name: 'Delete account' }).click();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(popup.account('GitHub Work')).toHaveCount(0);
  await expect(page.getByText('GitHub Work deleted.')).toBeVisible();
  // Undo is where the focus is: one key press away.
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(popup.account('GitHub Work')).toBeVisible();
  await expect(popup.rowButton('GitHub Work')).toBeFocused();
  expect(codesAroundNow(GITHUB)).toContain(await popup.codeOf('GitHub Work'));
});

test('Show QR asks for the passphrase again and draws the account’s otpauth link', async ({ popup }) => {
  await withAccounts(popup);
  const { page } = popup;
  await popup.openEdit('GitHub');
  await page.getByRole('button', { name: 'Show QR code' }).click();
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
  await expect.poll(() => popup.codeOf('Bank')).toBe(referenceHotp(secret, 5));
  await popup.account('Bank').getByRole('button', { name: 'Next code for Bank' }).click();
  await expect.poll(() => popup.codeOf('Bank')).toBe(referenceHotp(secret, 6));
  await popup.account('Bank').getByRole('button', { name: 'Next code for Bank' }).click();
  await expect.poll(() => popup.codeOf('Bank')).toBe(referenceHotp(secret, 7));

  await popup.page.getByRole('button', { name: 'Lock' }).click();
  await popup.expectLocked();
  await popup.unlock(PASSPHRASE);
  await popup.expectUnlocked();
  await expect.poll(() => popup.codeOf('Bank')).toBe(referenceHotp(secret, 7));
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
    // Never saved any: no "0 left" that reads as "all used".
    await page.getByRole('button', { name: 'Recovery codes', exact: true }).click();
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
    await expect(page.getByRole('button', { name: 'Recovery codes (2 of 3 left)' })).toBeVisible();
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

test('first run: the add form is the page, with scanning one click away; the focus is in it', async ({ popup }) => {
  await popup.createVault(PASSPHRASE);
  const empty = popup.page.getByRole('region', { name: /^No accounts yet/ });
  await expect(empty.getByRole('button', { name: 'Scan this page' })).toBeVisible();
  const form = empty.getByRole('form', { name: 'Add an account' });
  await expect(form.getByLabel('Setup link', { exact: true })).toBeFocused();
  // Only one add form: the toolbar has no second door to it while the list is empty.
  await expect(popup.page.getByRole('button', { name: 'Add account' })).toHaveCount(0);
  await form.getByRole('radio', { name: 'Type the setup key' }).check();
  await expect(form.getByLabel('Service', { exact: true })).toBeFocused();
  await expect(form.getByLabel('Setup key', { exact: true })).toBeVisible();
});

test('Enter in the link box adds the account; a bad key is reported once, next to its field', async ({ popup }) => {
  await popup.createVault(PASSPHRASE);
  const { page } = popup;
  const link = page.getByLabel('Setup link', { exact: true });
  await link.fill(uri('totp', 'Typo', 'x', 'JBSWY3DPEHPK3PX1'));
  await link.press('Enter');
  const error = page.getByRole('alert');
  await expect(error).toContainText('This setup key is not valid.');
  await expect(error).toContainText('“1” at position 16');
  // Said once: the parser's own words are not repeated after a prefix.
  expect((await error.textContent())?.match(/not valid/g)).toHaveLength(2);
  await expect(link).toHaveAttribute('aria-invalid', 'true');
  await expect(link).toHaveAccessibleDescription(/This setup key is not valid/);
  await expect(link).toBeFocused();
  await link.fill(uri('totp', 'GitHub', 'alice', GITHUB));
  await link.press('Enter');
  await popup.expectAccount('GitHub');
  await expect(link).toHaveCount(0);
  await expect(popup.rowButton('GitHub')).toBeFocused();
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

test('the countdown shows the seconds left and turns amber (not red) in the last 5 s of the step', async ({ popup }) => {
  test.setTimeout(90_000); // waits for real step boundaries
  await popup.createVault(PASSPHRASE);
  await popup.addUri(uri('totp', 'GitHub', 'alice', GITHUB));
  const { page } = popup;
  const timer = popup.account('GitHub').locator('.timer');
  const colour = () => timer.evaluate((el) => getComputedStyle(el).color);
  // The number drawn in the ring is the counter of this animated property.
  const secondsShown = async () => Number(await popup.account('GitHub').locator('.countdown').evaluate((el) => getComputedStyle(el).getPropertyValue('--secs')));
  const cssColour = (variable: string) => page.evaluate((v) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${v})`;
    document.body.append(probe);
    const value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  }, variable);
  const warn = await cssColour('--warn');
  const fg = await cssColour('--fg');
  expect(warn).not.toBe(await cssColour('--danger'));
  const codeColour = () => popup.account('GitHub').getByTestId('code').evaluate((el) => getComputedStyle(el).color);

  const untilLeft = async (secondsLeft: number) => {
    const left = 30_000 - (Date.now() % 30_000);
    let wait = left - secondsLeft * 1000;
    if (wait < 0) wait += 30_000;
    await page.waitForTimeout(wait);
  };
  await untilLeft(12);
  expect(await colour()).not.toBe(warn);
  const seconds = await secondsShown();
  expect(seconds).toBeGreaterThanOrEqual(10);
  expect(seconds).toBeLessThanOrEqual(13);
  await untilLeft(3);
  expect(await colour()).toBe(warn);
  // The code itself keeps the text colour: the last seconds are noticeable, not an error.
  expect(await codeColour()).toBe(fg);
  // After the boundary the new step starts calm again, with the next code.
  await untilLeft(25);
  expect(await colour()).not.toBe(warn);
  expect(codesAroundNow(GITHUB)).toContain(await popup.codeOf('GitHub'));
});

/**
 * The virtualised list draws only the rows in view: check that the drawn rows leave no gap in the
 * scroll area's visible part (from the top of the view to the end of the view or of the list).
 */
async function expectRowsCoverView(popup: PopupPage): Promise<void> {
  // Polled: the list draws after a scroll or a resize, in the next frame.
  await expect.poll(() => popup.page.locator('.list-scroll').evaluate((scroller) => {
    const list = scroller.querySelector<HTMLElement>('ul.accounts')!;
    const top = scroller.scrollTop;
    const bottom = Math.min(top + scroller.clientHeight, list.offsetHeight);
    const rows = [...list.querySelectorAll<HTMLElement>('li[data-index]')]
      .map((li) => ({ from: li.offsetTop, to: li.offsetTop + li.offsetHeight + 6 }))
      .sort((a, b) => a.from - b.from);
    let covered = top;
    for (const row of rows) if (row.from <= covered && row.to > covered) covered = row.to;
    return covered >= bottom ? null : { covered, bottom, top, rows: rows.length, height: scroller.clientHeight };
  })).toBeNull();
}

/**
 * Every account's title, read by scrolling the list from top to bottom one view at a time, as a
 * person would; at each stop, once the list has drawn (a few frames at most), the drawn rows must
 * cover the view. Runs in the page: 1,000 accounts are about 135 views.
 */
async function titlesByScrolling(popup: PopupPage): Promise<{ titles: string[]; gaps: number[] }> {
  return popup.page.locator('.list-scroll').evaluate(async (scroller) => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const list = scroller.querySelector<HTMLElement>('ul.accounts')!;
    const covered = () => {
      const top = scroller.scrollTop;
      const bottom = Math.min(top + scroller.clientHeight, list.offsetHeight);
      const rows = [...list.querySelectorAll<HTMLElement>('li[data-index]')].map((li) => ({ from: li.offsetTop, to: li.offsetTop + li.offsetHeight + 6 })).sort((a, b) => a.from - b.from);
      let reached = top;
      for (const row of rows) if (row.from <= reached && row.to > reached) reached = row.to;
      return reached >= bottom;
    };
    const titles = new Set<string>();
    const gaps: number[] = [];
    scroller.scrollTop = 0;
    for (;;) {
      let frames = 0;
      while (!covered() && frames < 30) { await frame(); frames++; }
      if (!covered()) gaps.push(scroller.scrollTop);
      for (const li of list.querySelectorAll('li[data-index]')) titles.add(li.querySelector('.issuer')?.firstChild?.textContent ?? '');
      const before = scroller.scrollTop;
      scroller.scrollTop = before + scroller.clientHeight;
      if (scroller.scrollTop <= before) break;
      await frame();
    }
    return { titles: [...titles], gaps };
  });
}

test('every account is drawn and reachable at 1, 8, 50 and 1,000 accounts', async ({ popup, browserWithExtension }) => {
  test.setTimeout(180_000);
  await popup.createVault(PASSPHRASE);
  // One by one in the same popup session: the list grows past its first measured height.
  const secrets = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK', 'NBSWY3DPEB3W64TM', 'KRSXG5CTMVRXEZLU', 'ONSWG4TFORZWK4TF', 'MNXW2ZLUNBUW4ZZA', 'OBQXG43XN5ZGIIDB'];
  for (const [i, secret] of secrets.entries()) {
    await popup.addUri(uri('totp', `Service ${i + 1}`, `user${i + 1}`, secret));
    // Every row drawn (8 rows are 1.1 views), none left out below, where the new row took the focus
    // and back at the top of the list, as a person scrolls up to look.
    await expect.poll(() => popup.titles()).toEqual(Array.from({ length: i + 1 }, (_, j) => `Service ${j + 1}`));
    await expectRowsCoverView(popup);
    await popup.page.locator('.list-scroll').evaluate((el) => { el.scrollTop = 0; });
    await expect.poll(() => popup.titles()).toEqual(Array.from({ length: i + 1 }, (_, j) => `Service ${j + 1}`));
    await expectRowsCoverView(popup);
  }

  // 50 and 1,000: imported (a list of setup links) through the extension's messages from another
  // extension page; then every account is found by scrolling, and a few by searching.
  const adder = await browserWithExtension.context.newPage();
  await adder.goto(`chrome-extension://${browserWithExtension.extensionId}/popup.html`);
  const importMany = (from: number, to: number) => adder.evaluate(async ([a, b]) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    const lines: string[] = [];
    for (let i = a; i < b; i++) {
      let secret = '';
      for (let j = 0; j < 32; j++) secret += alphabet[(i * 7 + j * 13 + ((i >> 5) * j)) % 32];
      lines.push(`otpauth://totp/Bulk%20${i}:u${i}?secret=${secret}&issuer=Bulk%20${i}`);
    }
    type Reply<T> = { ok: boolean; value: T; error?: { message: string } };
    const send = async <T,>(type: string, payload: unknown) => {
      const reply = (await chrome.runtime.sendMessage({ type, payload })) as Reply<T>;
      if (!reply.ok) throw new Error(JSON.stringify(reply.error));
      return reply.value;
    };
    const preview = await send<{ token: string }>('backup/preview', { data: btoa(lines.join('\n')), fileName: 'links.txt' });
    return (await send<{ added: number }>('backup/import', { token: preview.token, includeDuplicates: false })).added;
  }, [from, to] as const);
  const expected = (n: number) => [...secrets.map((_, i) => `Service ${i + 1}`), ...Array.from({ length: n - 8 }, (_, i) => `Bulk ${i}`)].sort();

  for (const total of [50, 1000]) {
    const from = total === 50 ? 0 : 42;
    expect(await importMany(from, total - 8)).toBe(total - 8 - from);
    await popup.open();
    await popup.page.bringToFront(); // a background tab gets no animation frames to draw in
    await expect(popup.account('Service 1')).toBeVisible();
    const { titles, gaps } = await titlesByScrolling(popup);
    expect(gaps).toEqual([]);
    expect(titles.sort()).toEqual(expected(total));
    for (const title of ['Service 8', 'Bulk 0', `Bulk ${total - 9}`]) {
      await popup.searchBox().fill(title);
      await expect(popup.account(title)).toBeVisible();
    }
    await popup.searchBox().fill('');
  }
  await adder.close();
});
