import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The storage.sync engine against the real chrome.storage.sync of Chromium. With --disable-sync
 * nothing leaves the machine, but the area and its quotas are real (checked first below).
 */

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { sync: { getBytesInUse(keys: null): Promise<number>; set(items: Record<string, unknown>): Promise<void>; get(keys: null): Promise<Record<string, unknown>>; remove(key: string): Promise<void> } };
};

async function send<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const)) as
    | { ok: true; value: T }
    | { ok: false; error: { code: string; message: string } };
  if (!reply.ok) throw Object.assign(new Error(JSON.stringify(reply.error)), { code: reply.error.code });
  return reply.value;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function secret(i: number): string {
  let s = '';
  let x = (i + 1) * 2654435761;
  for (let k = 0; k < 32; k++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    s += ALPHABET[x % 32];
  }
  return s;
}

/** Typical accounts: a known issuer, an e-mail address, a 160-bit secret, some bound to a site. */
async function importAccounts(page: Page, from: number, count: number): Promise<void> {
  const issuers = ['Google', 'GitHub', 'Microsoft', 'Amazon', 'Dropbox', 'Proton', 'Cloudflare', 'Discord', 'Reddit', 'GitLab'];
  const lines = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const issuer = issuers[i % issuers.length]!;
    return `otpauth://totp/${issuer}:person.${i}%40example.com?secret=${secret(i)}&issuer=${issuer}`;
  });
  const data = Buffer.from(lines.join('\n')).toString('base64');
  const preview = await send<{ token: string; entries: unknown[] }>(page, 'backup/preview', { data, fileName: 'accounts.txt' });
  expect(preview.entries).toHaveLength(count);
  await send(page, 'backup/import', { token: preview.token, includeDuplicates: false });
}

test('storage.sync: 1,000 accounts fit within the real quotas; a vault too large is refused whole; a tampered chunk is refused', async ({ popup }) => {
  test.setTimeout(120_000);
  const page = popup.page;
  await popup.createVault('a passphrase for storage sync');

  // The area is real and enforces its per-item quota even with --disable-sync.
  const perItem = await page.evaluate(() => chrome.storage.sync.set({ probe: 'x'.repeat(9000) }).then(() => 'stored', (e: Error) => e.message));
  expect(perItem).toMatch(/QuotaBytesPerItem|QUOTA_BYTES_PER_ITEM/);

  await importAccounts(page, 0, 1000);
  const enabled = await send<{ state: string; status: { lastError: unknown; accounts: number } }>(page, 'sync/enable', { engine: 'browser', deviceName: 'Laptop' });
  expect(enabled.status.lastError).toBeNull();
  expect(enabled.status.accounts).toBe(1000);
  const bytes = await page.evaluate(() => chrome.storage.sync.getBytesInUse(null));
  expect(bytes).toBeLessThanOrEqual(102_400);
  const stored = JSON.stringify(await page.evaluate(() => chrome.storage.sync.get(null)));
  expect(stored).not.toContain(secret(0));
  expect(stored).not.toContain('person.0');

  // 2,000 more do not fit: the round is refused with sync_browser_full and a suggestion; nothing is dropped anywhere.
  await importAccounts(page, 1000, 2000);
  const full = await send<{ lastError: { code: string; params?: Record<string, number> } | null }>(page, 'sync/now', null);
  expect(full.lastError?.code).toBe('sync_browser_full');
  expect(full.lastError?.params?.accounts).toBeGreaterThan(0);
  expect((await send<{ accounts: unknown[] }>(page, 'accounts/list', null)).accounts).toHaveLength(3000);
  expect(await page.evaluate(() => chrome.storage.sync.getBytesInUse(null))).toBe(bytes);

  // An altered chunk fails authentication: refused, the vault unchanged.
  await page.evaluate(async () => {
    const items = await chrome.storage.sync.get(null);
    const chunk = items.ks0 as string;
    const at = chunk.length - 5;
    await chrome.storage.sync.set({ ks0: chunk.slice(0, at) + (chunk[at] === 'A' ? 'B' : 'A') + chunk.slice(at + 1) });
  });
  const before = await send(page, 'accounts/list', null);
  const tampered = await send<{ lastError: { code: string } | null }>(page, 'sync/now', null);
  expect(tampered.lastError?.code).toBe('sync_tampered');
  expect(await send(page, 'accounts/list', null)).toEqual(before);
});
