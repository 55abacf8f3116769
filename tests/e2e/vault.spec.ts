import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { findInProfile } from './support/profile';
import { launchWithExtension, stopServiceWorkers } from './support/browser';
import { base32Decode, codesAroundNow } from './support/totp-reference';

const PASSPHRASE = 'correct horse battery staple';
const GITHUB_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const BANK_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';


test('create a vault, add accounts, and see the codes an independent RFC 6238 implementation computes', async ({ popup }) => {
  await popup.createVault(PASSPHRASE);
  await popup.addManual({ issuer: 'GitHub', name: 'alice', secret: GITHUB_SECRET.toLowerCase().replace(/(.{4})/g, '$1 ') });
  await expect(popup.account('GitHub')).toBeVisible();
  expect(codesAroundNow(GITHUB_SECRET)).toContain(await popup.codeOf('GitHub'));

  await popup.addUri(`otpauth://totp/Bank:bob?secret=${BANK_SECRET}&issuer=Bank&algorithm=SHA256&digits=8&period=60`);
  await expect(popup.account('Bank')).toBeVisible();
  expect(codesAroundNow(BANK_SECRET, { digits: 8, period: 60, hash: 'sha256' })).toContain(await popup.codeOf('Bank'));
});

test('bad base32 gets a specific error and adds nothing', async ({ popup }) => {
  await popup.createVault(PASSPHRASE);
  await popup.addManual({ issuer: 'Typo', name: 'x', secret: 'JBSWY3DPEHPK3PX1' });
  await expect(popup.alert()).toContainText('“1” at position 16');
  await expect(popup.account('Typo')).toHaveCount(0);
});

test('wrong passphrase is refused with a clear message', async ({ popup }) => {
  await popup.createVault(PASSPHRASE);
  await popup.page.getByRole('button', { name: 'Lock' }).click();
  await popup.expectLocked();
  await popup.unlock('not the passphrase');
  await expect(popup.alert()).toContainText('Wrong passphrase');
  await popup.unlock(PASSPHRASE);
  await popup.expectUnlocked();
});

test('stays unlocked when the service worker is stopped; locked after a browser restart; secrets never on disk', async ({ server }) => {
  const first = await launchWithExtension({ serverPort: server.port });
  const popup = await new PopupPage(await first.context.newPage(), first.extensionId).open();
  await popup.createVault(PASSPHRASE);
  await popup.addManual({ issuer: 'GitHub', name: 'alice', secret: GITHUB_SECRET });
  await popup.addUri(`otpauth://totp/Bank:bob?secret=${BANK_SECRET}&issuer=Bank`);
  await expect(popup.account('Bank')).toBeVisible();

  // A page on a real host name stores a marker: proves the profile search below can find what is on disk.
  const site = await first.context.newPage();
  await site.goto('https://corpus.test/');
  await site.evaluate(() => localStorage.setItem('marker', 'KEYRING-PROFILE-MARKER-7f3a'));

  await stopServiceWorkers(first);
  await popup.open();
  await popup.expectUnlocked();
  expect(codesAroundNow(GITHUB_SECRET)).toContain(await popup.codeOf('GitHub'));

  await first.close();
  const needles = [GITHUB_SECRET, BANK_SECRET].flatMap((secret) => [
    Buffer.from(secret),
    Buffer.from(secret.toLowerCase()),
    Buffer.from(secret, 'utf16le'),
    base32Decode(secret),
  ]);
  expect(await findInProfile(first.userDataDir, [Buffer.from('KEYRING-PROFILE-MARKER-7f3a')])).not.toEqual([]);
  expect(await findInProfile(first.userDataDir, needles)).toEqual([]);

  const second = await launchWithExtension({ serverPort: server.port, userDataDir: first.userDataDir });
  try {
    const again = await new PopupPage(await second.context.newPage(), second.extensionId).open();
    await again.expectLocked();
    await again.unlock(PASSPHRASE);
    await again.expectUnlocked();
    expect(codesAroundNow(GITHUB_SECRET)).toContain(await again.codeOf('GitHub'));
    expect(codesAroundNow(BANK_SECRET)).toContain(await again.codeOf('Bank'));
  } finally {
    await second.dispose();
  }
});
