import { expect, test } from './fixtures';
import { codesAroundNow } from './support/totp-reference';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

test('a copied code is emptied from the clipboard 30 s later, even after the popup has closed', async ({ popup, browserWithExtension }) => {
  test.setTimeout(90_000);
  const context = browserWithExtension.context;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://corpus.test' });
  await popup.createVault('correct horse battery staple');
  await popup.addManual({ issuer: 'GitHub', name: 'alice', secret: SECRET });
  await popup.page.getByRole('button', { name: /^GitHub, alice/ }).click();
  const reader = await context.newPage();
  await reader.goto('https://corpus.test/');
  await reader.bringToFront();
  expect(codesAroundNow(SECRET)).toContain(await reader.evaluate(() => navigator.clipboard.readText()));
  await popup.page.close(); // the popup is gone: only the background can clear now
  await expect.poll(() => reader.evaluate(() => navigator.clipboard.readText()), { timeout: 45_000, intervals: [2000] }).toBe('');
});
