import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';

/**
 * axe (WCAG 2.1 A and AA rules) on every screen of the popup, the options page and the backup page,
 * in light and in dark: no violation on any of them. Each screen is reached as a person would.
 */
const PASSPHRASE = 'correct horse battery staple';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const uri = (issuer: string, name: string, secret: string, extra = '') =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}${extra}`;

class Audit {
  readonly violations: string[] = [];
  readonly screens: string[] = [];
  async check(page: Page, screen: string): Promise<void> {
    // label-content-name-mismatch (WCAG 2.5.3) is still "experimental" in axe, so off unless asked for.
    // runOnly is given with the rules: options() replaces what withTags() set, which would run every rule.
    const results = await new AxeBuilder({ page }).options({ runOnly: { type: 'tag', values: TAGS }, rules: { 'label-content-name-mismatch': { enabled: true } } }).analyze();
    this.screens.push(screen);
    for (const v of results.violations) {
      this.violations.push(`${screen}: ${v.id} (${v.impact}) on ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`).join(' | ')}`);
    }
  }
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no WCAG 2.1 AA violation on any popup, options or backup screen (${scheme})`, async ({ browserWithExtension }) => {
    test.setTimeout(240_000);
    const { context, extensionId } = browserWithExtension;
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    const popup = await new PopupPage(page, extensionId).open();
    const audit = new Audit();
    // The theme follows the system's: make sure this run really looks at the scheme it names.
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(scheme === 'dark' ? 'rgb(15, 19, 23)' : 'rgb(255, 255, 255)');

    // First run, before and after a mistake.
    await popup.expectFirstRun();
    await audit.check(page, 'first run');
    await page.getByLabel('Passphrase', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Set up Keyring' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await audit.check(page, 'first run, passphrase too short');
    await page.getByLabel('Passphrase', { exact: true }).fill('correct horse');
    await audit.check(page, 'first run, fair passphrase');
    await page.getByLabel('Passphrase', { exact: true }).fill('');
    await popup.createVault(PASSPHRASE);

    // Empty list: the add form, in both modes, with an error.
    await audit.check(page, 'empty list with the add form');
    await page.getByRole('radio', { name: 'Type the setup key' }).check();
    await page.getByLabel('Service', { exact: true }).fill('Typo');
    await page.getByLabel('Setup key', { exact: true }).fill('JBSWY3DPEHPK3PX1');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await page.getByRole('group', { name: /More options/ }).or(page.locator('details')).first().locator('summary').click();
    await audit.check(page, 'add form, typed key with an error, more options open');

    // The list.
    await popup.addUri(uri('GitHub', 'alice@example.com', 'JBSWY3DPEHPK3PXP'));
    await popup.addUri(uri('Société Générale', 'alice', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', '&digits=8&period=60'));
    await popup.addUri('otpauth://hotp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Bank&counter=3');
    await popup.expectAccount('Bank');
    await popup.menuAction('Bank', 'Pin to the top');
    await audit.check(page, 'list');
    await popup.rowButton('GitHub').click();
    await expect(popup.status().filter({ hasText: 'GitHub code copied.' })).toBeVisible();
    await audit.check(page, 'list, code copied');
    await page.getByRole('button', { name: 'Add account' }).click();
    await audit.check(page, 'list with the add form open');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await popup.searchBox().fill('nothing like it');
    await audit.check(page, 'search, no match');
    await popup.searchBox().fill('');
    await popup.openMenu('GitHub');
    await audit.check(page, 'row menu');
    await page.keyboard.press('Escape');

    // Dialogs.
    await popup.openEdit('GitHub');
    await audit.check(page, 'edit dialog');
    await page.getByRole('button', { name: 'Recovery codes', exact: true }).click();
    const recovery = popup.dialog('Recovery codes for GitHub');
    await recovery.getByLabel('Paste codes, one per line').fill('zq7xk-m2p9w\nrt4vb-8nq3c');
    await recovery.getByRole('button', { name: 'Add codes' }).click();
    await recovery.getByRole('checkbox', { name: /rt4vb-8nq3c/ }).check();
    await audit.check(page, 'recovery codes dialog');
    await page.keyboard.press('Escape');
    await popup.openEdit('GitHub');
    await page.getByRole('button', { name: 'Show QR code' }).click();
    const qr = popup.dialog('QR code for GitHub');
    await qr.getByLabel('Passphrase', { exact: true }).fill('not it');
    await qr.getByRole('button', { name: 'Show QR code' }).click();
    await expect(qr.getByRole('alert')).toBeVisible();
    await audit.check(page, 'QR dialog, wrong passphrase');
    await qr.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await qr.getByRole('button', { name: 'Show QR code' }).click();
    await expect(qr.getByRole('img')).toBeVisible();
    await audit.check(page, 'QR dialog, QR shown');
    await page.keyboard.press('Escape');
    await popup.openEdit('Société Générale');
    await page.getByRole('button', { name: 'Delete account' }).click();
    await audit.check(page, 'delete confirmation');
    await popup.dialog('Delete Société Générale?').getByRole('button', { name: 'Delete', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
    await audit.check(page, 'deleted, with Undo');

    // Locked.
    await page.getByRole('button', { name: 'Lock' }).click();
    await popup.expectLocked();
    await audit.check(page, 'unlock');
    await popup.unlock('not the passphrase');
    await expect(page.getByRole('alert')).toBeVisible();
    await audit.check(page, 'unlock, wrong passphrase');
    await popup.unlock(PASSPHRASE);
    await popup.expectUnlocked();

    // Options page.
    const options = await context.newPage();
    await options.emulateMedia({ colorScheme: scheme });
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(options.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await expect(options.getByText(/^Now: /)).toBeVisible();
    await audit.check(options, 'options');
    const change = options.getByRole('form', { name: 'Change passphrase' });
    await change.getByLabel('Current passphrase').fill(PASSPHRASE);
    await change.getByLabel('New passphrase', { exact: true }).fill('another long passphrase');
    await change.getByLabel('New passphrase again').fill('another long passphrase!');
    await change.getByRole('button', { name: 'Change passphrase' }).click();
    await expect(change.getByRole('alert')).toBeVisible();
    await audit.check(options, 'options, passphrase error');

    // Backup page: export form, the unencrypted export opened, an import preview.
    const backup = await context.newPage();
    await backup.emulateMedia({ colorScheme: scheme });
    await backup.goto(`chrome-extension://${extensionId}/backup.html`);
    await expect(backup.getByRole('heading', { name: 'Backup and import' })).toBeVisible();
    await audit.check(backup, 'backup');
    await backup.locator('summary', { hasText: 'Unencrypted export' }).click();
    await audit.check(backup, 'backup, unencrypted export open');
    const list = [uri('GitHub', 'alice@example.com', 'JBSWY3DPEHPK3PXP'), uri('Proton', 'alice', 'NBSWY3DPEB3W64TMMQQHEZLNMFXGC5DF'), 'not a link'].join('\n');
    await backup.getByLabel('Backup file or screenshot').setInputFiles({ name: 'links.txt', mimeType: 'text/plain', buffer: Buffer.from(list) });
    await expect(backup.getByRole('button', { name: /^Import \d+ account/ })).toBeVisible();
    await backup.getByLabel('Also add the ones already in Keyring').check().catch(() => undefined);
    await audit.check(backup, 'backup, import preview');

    expect(audit.screens.length).toBeGreaterThanOrEqual(20);
    expect(audit.violations).toEqual([]);
  });
}
