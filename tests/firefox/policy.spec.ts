import { randomUUID } from 'node:crypto';
import { access, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { expect, test } from './fixtures';
import { FIREFOX, FIREFOX_EXTENSION_DIR, launchFirefoxWithExtension, type FirefoxWithExtension } from './support/firefox';
import { FirefoxPopup, openExtensionPage } from './support/pages';

/**
 * The managed policy in Firefox: read by Firefox itself from policies.json in its installation's
 * distribution folder (`policies.3rdparty.Extensions.<add-on id>`), no stub. That file is one for the whole
 * machine, so the add-on is a copy with an id of its own (no other test's add-on is named in it), the file
 * is only written when none exists, and it is removed afterwards, also on failure.
 */
const POLICIES_FILE = process.env.KEYRING_FIREFOX_POLICIES ?? join(dirname(realpathSync(FIREFOX)), 'distribution', 'policies.json');
const PASSPHRASE = 'correct horse battery staple';

declare const browser: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
const ask = (page: Page, type: string, payload: unknown) =>
  page.evaluate((t, p) => browser.runtime.sendMessage({ type: t, payload: p }), type, payload) as Promise<{ ok: boolean; value?: Record<string, unknown>; error?: { code: string } }>;

test('Firefox reads the same keys from policies.json (3rdparty.Extensions.<id>): auto-lock clamped, plain export refused', async ({ server }) => {
  const exists = await access(POLICIES_FILE).then(() => true, () => false);
  test.skip(exists, `${POLICIES_FILE} exists already: not overwritten`);
  const root = await mkdtemp(join(tmpdir(), 'keyring-firefox-policy-'));
  const addonId = `policy-test-${randomUUID()}@keyring.example`;
  let firefox: FirefoxWithExtension | null = null;
  try {
    const extensionDir = join(root, 'extension');
    await cp(FIREFOX_EXTENSION_DIR, extensionDir, { recursive: true });
    const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as { browser_specific_settings: { gecko: { id: string } } };
    manifest.browser_specific_settings.gecko.id = addonId;
    await writeFile(join(extensionDir, 'manifest.json'), JSON.stringify(manifest));
    await writeFile(POLICIES_FILE, JSON.stringify({ policies: { '3rdparty': { Extensions: { [addonId]: { maxAutoLockMinutes: 5, disablePlainExport: true, bogus: 1 } } } } }));

    firefox = await launchFirefoxWithExtension({ serverPort: server.port, extensionDir, addonId });
    const popup = await new FirefoxPopup(await firefox.newPage(), firefox.origin).open();
    expect((await ask(popup.page, 'policy/get', null)).value?.policy).toEqual({ maxAutoLockMinutes: 5, disablePlainExport: true });
    await popup.createVault(PASSPHRASE);
    expect((await ask(popup.page, 'settings/get', null)).value?.autoLockMinutes).toBe(5);
    const backup = await firefox.newPage();
    await openExtensionPage(backup, `${firefox.origin}/backup.html`);
    expect(await ask(backup, 'backup/export', { format: 'aegis-plain', vaultPassphrase: PASSPHRASE, acknowledgePlain: true })).toMatchObject({ ok: false, error: { code: 'policy_forbids' } });
  } finally {
    await firefox?.dispose();
    await rm(POLICIES_FILE, { force: true });
    await rm(root, { recursive: true, force: true });
  }
});
