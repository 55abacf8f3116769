import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { launchWithExtension, type ExtensionBrowser } from './support/browser';
import { DAV_PASSWORD, DAV_USER, startWebDav, type WebDavServer } from './support/webdav';
import { PopupPage } from './pages/popup';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/**
 * Two browser profiles synced through a real WebDAV server (Debian's rclone, which ignores If-Match:
 * the design must not need it). Every change is made in one profile and checked in the other.
 */

const PASS_A = 'first browser passphrase';
const PASS_B = 'second browser passphrase';
const SECRET_1 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SECRET_2 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SECRET_3 = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

interface Status {
  enabled: boolean;
  lastSyncAt: number | null;
  lastError: { code: string; params?: Record<string, string | number> } | null;
}

/** One typed request to the background from an extension page, as the options page sends it. */
async function send<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const)) as
    | { ok: true; value: T }
    | { ok: false; error: { code: string; message: string } };
  if (!reply.ok) throw Object.assign(new Error(JSON.stringify(reply.error)), { code: reply.error.code });
  return reply.value;
}

async function names(page: Page): Promise<string[]> {
  const { accounts } = await send<{ accounts: { name: string; notes: string }[] }>(page, 'accounts/list', null);
  return accounts.map((a) => a.name).sort();
}

async function account(page: Page, name: string) {
  const { accounts } = await send<{ accounts: { id: string; name: string; notes: string }[] }>(page, 'accounts/list', null);
  const found = accounts.find((a) => a.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
}

const syncNow = (page: Page) => send<Status>(page, 'sync/now', null);

async function profile(passphrase: string): Promise<{ browser: ExtensionBrowser; popup: PopupPage }> {
  const browser = await launchWithExtension();
  const popup = await new PopupPage(await browser.context.newPage(), browser.extensionId).open();
  await popup.createVault(passphrase);
  return { browser, popup };
}

let dav: WebDavServer;
test.beforeEach(async () => {
  dav = await startWebDav();
});
test.afterEach(async () => {
  await dav.dispose();
});

test('two browsers through rclone WebDAV: join, add, edit, delete, concurrent edits kept, outage, tampering', async () => {
  test.setTimeout(180_000);
  const a = await profile(PASS_A);
  const b = await profile(PASS_B);
  try {
    const pa = a.popup.page;
    const pb = b.popup.page;
    const webdav = { url: dav.url, user: DAV_USER, password: DAV_PASSWORD };

    await test.step('A turns sync on with an account; nothing but ciphertext reaches the server', async () => {
      await a.popup.addManual({ issuer: 'GitHub', name: 'alice', secret: SECRET_1 });
      await a.popup.expectAccount('GitHub');
      const result = await send<{ state: string; status: Status }>(pa, 'sync/enable', { engine: 'webdav', webdav, deviceName: 'Laptop' });
      expect(result.state).toBe('enabled');
      expect(result.status.lastError).toBeNull();
      const files = await readdir(join(dav.dir, 'keyring', 'devices'));
      expect(files).toHaveLength(1);
      const text = await readFile(join(dav.dir, 'keyring', 'devices', files[0]!), 'utf8');
      expect(text).not.toContain(SECRET_1);
      expect(text).not.toContain('alice');
      expect(text).not.toContain('GitHub');
    });

    await test.step('B, with its own account and passphrase, joins after confirming: the union, under A\'s passphrase', async () => {
      await b.popup.addManual({ issuer: 'Mail', name: 'bob', secret: SECRET_2 });
      await b.popup.expectAccount('Mail');
      const wrongServerPassword = await send(pb, 'sync/enable', { engine: 'webdav', webdav: { ...webdav, password: 'nope' }, deviceName: 'Desktop' }).catch((e: { code: string }) => e.code);
      expect(wrongServerPassword).toBe('sync_auth');
      const needed = await send(pb, 'sync/enable', { engine: 'webdav', webdav, deviceName: 'Desktop' }).catch((e: { code: string }) => e.code);
      expect(needed).toBe('sync_join_needed');
      const preview = await send<{ state: string; preview: unknown }>(pb, 'sync/enable', { engine: 'webdav', webdav, deviceName: 'Desktop', passphrase: PASS_A });
      expect(preview).toEqual({ state: 'confirm-join', preview: { localAccounts: 1, remoteAccounts: 1, duplicates: 0 } });
      expect(await names(pb)).toEqual(['bob']); // nothing changed before the confirmation
      const joined = await send<{ state: string }>(pb, 'sync/enable', { engine: 'webdav', webdav, deviceName: 'Desktop', passphrase: PASS_A, confirmJoin: true });
      expect(joined.state).toBe('enabled');
      expect(await names(pb)).toEqual(['alice', 'bob']);
      await syncNow(pa);
      expect(await names(pa)).toEqual(['alice', 'bob']);
    });

    await test.step('add on A appears on B; edit on B appears on A; delete on A disappears on B', async () => {
      await send(pa, 'accounts/add', { issuer: 'Bank', name: 'carol', secret: SECRET_3 });
      await syncNow(pa);
      await syncNow(pb);
      expect(await names(pb)).toEqual(['alice', 'bob', 'carol']);

      const carol = await account(pb, 'carol');
      await send(pb, 'accounts/update', { id: carol.id, fields: { notes: 'edited on B' } });
      await syncNow(pb);
      await syncNow(pa);
      expect((await account(pa, 'carol')).notes).toBe('edited on B');

      await send(pa, 'accounts/delete', { ids: [carol.id] });
      await syncNow(pa);
      await syncNow(pb);
      expect(await names(pb)).toEqual(['alice', 'bob']);
    });

    await test.step('server stopped: a clear "offline" status, both edit the same account; back up: both versions kept', async () => {
      await dav.stop();
      const alice = await account(pa, 'alice');
      await send(pa, 'accounts/update', { id: alice.id, fields: { notes: 'note from A' } });
      await send(pb, 'accounts/update', { id: alice.id, fields: { notes: 'note from B' } });
      const offline = await syncNow(pa);
      expect(offline.lastError?.code).toBe('sync_offline');
      expect((await syncNow(pb)).lastError?.code).toBe('sync_offline');
      await dav.start();
      expect((await syncNow(pa)).lastError).toBeNull();
      await syncNow(pb);
      await syncNow(pa);
      const onA = await send<{ accounts: { name: string; notes: string }[] }>(pa, 'accounts/list', null);
      const onB = await send<{ accounts: { name: string; notes: string }[] }>(pb, 'accounts/list', null);
      const view = (list: typeof onA) => list.accounts.map((x) => `${x.name}|${x.notes}`).sort();
      expect(view(onA)).toEqual(view(onB));
      expect(onA.accounts.map((x) => x.notes).filter((n) => n.startsWith('note from')).sort()).toEqual(['note from A', 'note from B']);
      expect(onA.accounts.some((x) => /^alice \(conflict from (Laptop|Desktop)\)$/.test(x.name))).toBe(true);
    });

    await test.step('a record altered on the server is refused with a specific error; the vault is unchanged; B heals its file', async () => {
      const before = await send(pa, 'accounts/list', null);
      const dir = join(dav.dir, 'keyring', 'devices');
      const files = await readdir(dir);
      let altered = 0;
      for (const name of files) {
        const path = join(dir, name);
        const file = JSON.parse(await readFile(path, 'utf8')) as { device: { name: string }; records: { ct: string }[] };
        if (file.device.name !== 'Desktop') continue;
        const ct = file.records[0]!.ct;
        file.records[0]!.ct = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
        await writeFile(path, JSON.stringify(file));
        altered++;
      }
      expect(altered).toBe(1);
      const refused = await syncNow(pa);
      expect(refused.lastError?.code).toBe('sync_tampered');
      expect(await send(pa, 'accounts/list', null)).toEqual(before);
      // The owner of the altered file notices at its next round and writes it again.
      expect((await syncNow(pb)).lastError).toBeNull();
      expect((await syncNow(pa)).lastError).toBeNull();
    });
  } finally {
    await a.browser.dispose();
    await b.browser.dispose();
  }
});

test('options page: the person reads what leaves, turns WebDAV sync on; the popup shows the status, the outage in words, and recovers', async () => {
  test.setTimeout(120_000);
  const a = await profile(PASS_A);
  try {
    await a.popup.addManual({ issuer: 'GitHub', name: 'alice', secret: SECRET_1 });
    await a.popup.expectAccount('GitHub');
    // No sync, no backup, one account: the popup offers once (tests/e2e/sync-offer.spec.ts); answered, it reminds.
    await a.popup.open();
    await a.popup.page.getByRole('region', { name: 'Keep a second copy of your accounts' }).getByRole('button', { name: 'Not now' }).click();
    await expect(a.popup.page.getByTestId('sync-status')).toContainText('Turn on sync or automatic backups');

    const options = await a.browser.context.newPage();
    await options.goto(`chrome-extension://${a.browser.extensionId}/options.html`);
    const form = options.getByRole('form', { name: 'Sync between browsers' });
    await expect(form.getByText('a forgotten passphrase cannot be recovered', { exact: false }).first()).toBeVisible();
    await form.getByLabel('WebDAV address (https://)').fill('http://sync.example.com/dav/');
    await form.getByLabel('User name').fill(DAV_USER);
    await form.getByLabel('App password').fill(DAV_PASSWORD);
    const turnOn = form.getByRole('button', { name: 'Turn on sync' });
    await expect(turnOn).toBeDisabled(); // not before the person confirms what leaves the browser
    await form.getByRole('checkbox', { name: /I understand/ }).check();
    await turnOn.click();
    await expect(form.getByRole('alert')).toContainText('https://');
    await form.getByLabel('WebDAV address (https://)').fill(dav.url);
    await turnOn.click();
    const section = options.getByRole('region', { name: 'Sync between browsers' });
    await expect(section.getByRole('status')).toContainText('Last synced');

    await a.popup.open();
    await expect(a.popup.page.getByTestId('sync-status')).toContainText(/WebDAV: synced/);
    await dav.stop();
    await a.popup.page.getByTestId('sync-status').getByRole('button', { name: 'Sync now' }).click();
    await expect(a.popup.page.getByTestId('sync-status')).toContainText('Offline');
    await dav.start();
    await a.popup.page.getByTestId('sync-status').getByRole('button', { name: 'Sync now' }).click();
    await expect(a.popup.page.getByTestId('sync-status')).toContainText(/WebDAV: synced/);
  } finally {
    await a.browser.dispose();
  }
});
