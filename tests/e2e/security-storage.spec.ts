/**
 * Attacks on what the extension keeps (issue #10, findings 4, 5 and 9): settings, remembered choices and the
 * unlock limiter attacked from the content-script world of a page (a compromised renderer, reached through
 * CDP by openContentWorld), eight unlocks sent at once, and a 1 MB secret from a page and from the popup.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { PopupPage } from './pages/popup';
import { launchWithExtension } from './support/browser';
import { openContentWorld, type ContentWorld } from './support/content-world';
import { findInProfile } from './support/profile';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<Reply> } };

const PASSPHRASE = 'correct horse battery staple';
const SECRET_A = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SECRET_B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** A site name found nowhere else in the extension's storage: only the remembered choice names it. */
const SITE = 'chosen-bank.example';

type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** One message of the typed protocol, sent from an extension page (the popup): what the extension's UI does. */
async function send(page: Page, type: string, payload: unknown): Promise<Reply> {
  return page.evaluate(([type, payload]) => chrome.runtime.sendMessage({ type, payload }), [type, payload] as const);
}

async function value<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = await send(page, type, payload);
  if (!reply.ok) throw new Error(`${type}: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}

/** A page's isolated world, once the content script has run in it. */
async function contentWorldOf(page: Page, url: string): Promise<ContentWorld> {
  await page.goto(url);
  await expect.poll(async () => openContentWorld(page).then(async (w) => (await w.detach(), true), () => false)).toBe(true);
  return openContentWorld(page);
}

interface Status {
  status: string;
  settings: { autoFill: boolean; lockOnIdle: boolean; autoLockMinutes: number; clearClipboard: boolean };
  unlockFailures?: number;
  retryAt?: number;
}

test('a content script cannot change settings by writing storage.local', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const before = await value<Status>(popup.page, 'vault/status', null);
  expect(before.settings).toMatchObject({ autoFill: false, lockOnIdle: true, autoLockMinutes: 15 });

  const site = await browserWithExtension.context.newPage();
  const world = await contentWorldOf(site, 'https://evil.example/bench-signin.html');
  const evil = { autoFill: true, lockOnIdle: false, autoLockMinutes: 0, clearClipboard: false };
  // Every key the extension ever used in storage.local, and the settings' own names at the top level.
  await world.evaluate(`chrome.storage.local.set({ settings: ${JSON.stringify(evil)}, ...${JSON.stringify(evil)} })`);

  // The background, a fresh options page and the popup all still see the person's settings.
  const after = await value<Status>(popup.page, 'vault/status', null);
  expect(after.settings).toEqual(before.settings);
  const options = await browserWithExtension.context.newPage();
  await options.goto(`chrome-extension://${browserWithExtension.extensionId}/options.html`);
  await expect(options.getByLabel('Lock when the computer’s screen locks')).toBeChecked();
  await expect(options.getByLabel(/Clear a copied code/)).toBeChecked();
  await expect(options.getByLabel('Lock after this long without use')).toHaveValue('15');
  await world.detach();
});

test('remembered choices name no site a content script can read, nor on disk in clear', async ({ server }) => {
  const browser = await launchWithExtension({ serverPort: server.port });
  try {
    const popup = await new PopupPage(await browser.context.newPage(), browser.extensionId).open();
    await popup.createVault(PASSPHRASE);
    const ids: string[] = [];
    for (const [name, secret] of [['alice', SECRET_A], ['bob', SECRET_B]] as const) {
      const added = await value<{ id: string }>(popup.page, 'accounts/add', { uri: `otpauth://totp/Bank:${name}?secret=${secret}&issuer=Bank` });
      await value(popup.page, 'accounts/update', { id: added.id, fields: { sites: [SITE] } });
      ids.push(added.id);
    }
    // Positive control for the disk search: a marker an extension page puts into its own IndexedDB.
    await popup.page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('profile-search-control', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('s');
          open.onsuccess = () => {
            const tx = open.result.transaction('s', 'readwrite');
            tx.objectStore('s').put('KEYRING-IDB-MARKER-5c1e', 'k');
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );

    const page = await browser.context.newPage();
    const world = await contentWorldOf(page, `https://${SITE}/bench-signin.html`);
    // The person picks bob in the chooser: the content script sends autofill/pick.
    const picked = await world.evaluate<Reply>(`chrome.runtime.sendMessage({ type: 'autofill/pick', payload: { id: ${JSON.stringify(ids[1])} } })`);
    expect(picked).toMatchObject({ ok: true, value: { kind: 'code', accountId: ids[1] } });
    // The choice is remembered: the next fill on this site uses bob without asking (within the same time step
    // bob's code was just handed out, so the answer is to wait for the next one — still bob's).
    const next = await world.evaluate<Reply>(`chrome.runtime.sendMessage({ type: 'autofill/code', payload: {} })`);
    expect(next).toMatchObject({ ok: true, value: { accountId: ids[1] } });
    expect(['code', 'wait']).toContain(next.ok ? (next.value as { kind: string }).kind : 'error');

    const local = await world.evaluate<unknown>('chrome.storage.local.get(null)');
    expect(JSON.stringify(local)).not.toContain(SITE);
    const session = await world.evaluate<unknown>('chrome.storage.session.get(null).catch((e) => String(e))');
    expect(JSON.stringify(session ?? null)).not.toContain(SITE);
    // Positive control for the storage.local search: what the attacker writes there, it reads back.
    await world.evaluate(`chrome.storage.local.set({ control: 'KEYRING-LOCAL-MARKER-9d2b' })`);
    expect(JSON.stringify(await world.evaluate('chrome.storage.local.get(null)'))).toContain('KEYRING-LOCAL-MARKER-9d2b');
    await world.detach();
  } finally {
    await browser.close();
  }
  const extensionFiles = (dir: string) => [join(dir, 'Default', 'Local Extension Settings', browser.extensionId), join(dir, 'Default', 'IndexedDB')];
  const search = async (needle: string) =>
    (await Promise.all(extensionFiles(browser.userDataDir).map((dir) => findInProfile(dir, [Buffer.from(needle), Buffer.from(needle, 'utf16le')])))).flat();
  try {
    expect(await search('KEYRING-LOCAL-MARKER-9d2b')).not.toEqual([]);
    expect(await search('KEYRING-IDB-MARKER-5c1e')).not.toEqual([]);
    expect(await search(SITE)).toEqual([]);
  } finally {
    await browser.dispose();
  }
});

test('the unlock limiter cannot be read or reset from a content script', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  await value(popup.page, 'vault/lock', null);
  for (let i = 0; i < 3; i++) expect(await send(popup.page, 'vault/unlock', { passphrase: `wrong ${i}` })).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
  const site = await browserWithExtension.context.newPage();
  const world = await contentWorldOf(site, 'https://evil.example/bench-signin.html');
  expect(JSON.stringify(await world.evaluate('chrome.storage.local.get(null)'))).not.toMatch(/failures|retryAt/);
  const slowed = await value<Status>(popup.page, 'vault/status', null);
  expect(slowed.unlockFailures).toBe(3);
  expect(slowed.retryAt).toBeGreaterThan(0);

  await world.evaluate(`chrome.storage.local.set({ 'vault.unlockAttempts': { failures: 0, retryAt: 0 } })`);
  await world.evaluate(`chrome.storage.local.remove('vault.unlockAttempts')`);
  await world.evaluate(`chrome.storage.local.clear()`);
  await world.detach();

  const after = await value<Status>(popup.page, 'vault/status', null);
  expect(after.unlockFailures).toBe(3);
  expect(after.retryAt).toBe(slowed.retryAt);
});

test('eight wrong unlocks sent at once are checked one at a time, and every one checked is counted', async ({ popup }) => {
  await popup.createVault(PASSPHRASE);
  await value(popup.page, 'vault/lock', null);
  const replies = await popup.page.evaluate(() =>
    Promise.all(Array.from({ length: 8 }, (_, i) => chrome.runtime.sendMessage({ type: 'vault/unlock', payload: { passphrase: `wrong passphrase ${i}` } }))),
  );
  const codes = replies.map((r) => (r.ok ? 'ok' : r.error.code));
  const checked = codes.filter((c) => c === 'wrong_passphrase').length;
  // Each request is either checked (and counted) or refused by the delay the earlier ones set.
  expect(codes.filter((c) => c !== 'wrong_passphrase' && c !== 'rate_limited')).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(3);
  const status = await value<Status>(popup.page, 'vault/status', null);
  expect(status.unlockFailures).toBe(checked);
  expect(status.retryAt).toBeGreaterThan(0);
  // The right passphrase still works once the delay has passed.
  await expect.poll(async () => (await send(popup.page, 'vault/unlock', { passphrase: PASSPHRASE })).ok, { timeout: 30_000 }).toBe(true);
  expect((await value<Status>(popup.page, 'vault/status', null)).unlockFailures).toBe(0);
});

const HUGE_SECRET = 'A'.repeat(1024 * 1024);

test('a 1 MB secret from a page is refused with the reason, and nothing is stored', async ({ popup, browserWithExtension }) => {
  await popup.createVault(PASSPHRASE);
  const page = await browserWithExtension.context.newPage();
  const world = await contentWorldOf(page, 'https://bank.example/enrol.html');
  const reply = await world.evaluate<Reply>(
    `chrome.runtime.sendMessage({ type: 'enrol/add', payload: { links: ['otpauth://totp/Bank:alice?issuer=Bank&secret=${HUGE_SECRET}'] } })`,
  );
  // The code crosses, never the English detail: the popup says it in the person's language.
  expect(reply).toEqual({ ok: false, error: { code: 'secret_too_long' } });
  await world.detach();
  expect(await value<{ accounts: unknown[] }>(popup.page, 'accounts/list', null)).toMatchObject({ accounts: [] });
});

test('a 1 MB secret typed or pasted in the popup is refused with the reason, and nothing is stored', async ({ popup }) => {
  await popup.createVault(PASSPHRASE);
  await popup.addManual({ issuer: 'Huge', name: 'alice', secret: HUGE_SECRET });
  await expect(popup.alert()).toContainText('The secret is too long');
  expect(await value<{ accounts: unknown[] }>(popup.page, 'accounts/list', null)).toMatchObject({ accounts: [] });
  await expect(popup.account('Huge')).toHaveCount(0);

  await popup.addUri(`otpauth://totp/Huge:bob?issuer=Huge&secret=${HUGE_SECRET}`);
  await expect(popup.alert()).toContainText('The secret is too long');
  expect(await value<{ accounts: unknown[] }>(popup.page, 'accounts/list', null)).toMatchObject({ accounts: [] });
});
