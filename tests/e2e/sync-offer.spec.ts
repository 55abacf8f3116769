import { expect, test } from './fixtures';

/**
 * The one-time offer after the first account is added ("turn on sync or backups"), beside the
 * standing reminder: shown once the vault has its first account, dismissable, and never again after
 * it is dismissed or after sync or backups were turned on (even if turned off again).
 */

const SECRET_1 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SECRET_2 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const OFFER = 'Keep a second copy of your accounts';
const REMINDER = 'Only this browser holds your accounts. Turn on sync or automatic backups.';

test('the offer appears after the first account, stays until answered, and "Not now" ends it for good', async ({ popup }) => {
  await popup.createVault('a passphrase for the offer');
  const offer = popup.page.getByRole('region', { name: OFFER });
  await expect(popup.page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible();
  await expect(offer).toHaveCount(0); // nothing to keep a copy of yet

  await popup.addManual({ issuer: 'GitHub', name: 'alice', secret: SECRET_1 });
  await popup.expectAccount('GitHub');
  await expect(offer).toBeVisible(); // right after the first add, without reopening
  await expect(offer).toContainText('Nothing leaves this browser until you turn one on');
  await expect(popup.page.getByText(REMINDER)).toHaveCount(0); // the offer, not both

  await popup.open();
  await expect(offer).toBeVisible(); // not answered yet: still offered
  await offer.getByRole('button', { name: 'Not now' }).click();
  await expect(offer).toHaveCount(0);
  await expect(popup.page.getByTestId('sync-status')).toHaveText(new RegExp(`^${REMINDER}`)); // the standing reminder remains

  await popup.open();
  await popup.expectAccount('GitHub');
  await expect(popup.page.getByTestId('sync-status')).toBeVisible();
  await expect(offer).toHaveCount(0);
  await popup.addManual({ issuer: 'Mail', name: 'bob', secret: SECRET_2 });
  await popup.expectAccount('Mail');
  await popup.open();
  await expect(popup.page.getByTestId('sync-status')).toBeVisible();
  await expect(offer).toHaveCount(0);
});

test('the offer leads to the options page; turning sync on (then off) ends the offer for good', async ({ popup, browserWithExtension }) => {
  await popup.createVault('a passphrase for the offer');
  await popup.addManual({ issuer: 'GitHub', name: 'alice', secret: SECRET_1 });
  const offer = popup.page.getByRole('region', { name: OFFER });
  await expect(offer).toBeVisible();

  const opened = browserWithExtension.context.waitForEvent('page', (p) => p.url().endsWith('/options.html'));
  await offer.getByRole('button', { name: 'Turn on sync or backups' }).click();
  const options = await opened;
  const form = options.getByRole('form', { name: 'Sync between browsers' });
  await form.getByRole('radio', { name: /browser/i }).check();
  await form.getByRole('checkbox', { name: /I understand/ }).check();
  await form.getByRole('button', { name: 'Turn on sync' }).click();
  const section = options.getByRole('region', { name: 'Sync between browsers' });
  await expect(section.getByRole('status')).toContainText('Last synced');

  await popup.open();
  await popup.expectAccount('GitHub');
  await expect(popup.page.getByTestId('sync-status')).toContainText(/synced/);
  await expect(offer).toHaveCount(0);

  await section.getByRole('button', { name: 'Turn off sync' }).click();
  await expect(options.getByRole('form', { name: 'Sync between browsers' })).toBeVisible();
  await popup.open();
  await popup.expectAccount('GitHub');
  // Off again: the standing reminder, but the one-time offer does not come back.
  await expect(popup.page.getByTestId('sync-status')).toHaveText(new RegExp(`^${REMINDER}`));
  await expect(offer).toHaveCount(0);
});
