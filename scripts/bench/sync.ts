import type { Page } from '@playwright/test';
import { launchWithExtension } from '../../tests/e2e/support/browser';
import { DAV_PASSWORD, DAV_USER, startWebDav } from '../../tests/e2e/support/webdav';
import { atMost, BENCH_PASSPHRASE, type BenchContext, type BenchRow } from './kit';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { sync: { getBytesInUse(keys: null): Promise<number> } };
};

async function sendFrom<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const)) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!reply.ok) throw new Error(`${type}: ${reply.error?.message ?? 'failed'}`);
  return reply.value as T;
}

/** Typical accounts: known issuers, e-mail addresses, 160-bit secrets, a third bound to a site. */
function accountList(count: number): string {
  const issuers = ['Google', 'GitHub', 'Microsoft', 'Amazon', 'Dropbox', 'Proton', 'Cloudflare', 'Discord', 'Reddit', 'GitLab'];
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length: count }, (_, i) => {
    let secret = '';
    let x = (i + 1) * 2654435761;
    for (let k = 0; k < 32; k++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      secret += alphabet[x % 32];
    }
    const issuer = issuers[i % issuers.length]!;
    return `otpauth://totp/${issuer}:person.${i}%40example.com?secret=${secret}&issuer=${issuer}`;
  }).join('\n');
}

/**
 * Issue #11 rows. Polling design: each browser syncs every minute (alarm), 1 s after a local change,
 * at unlock and when the popup opens; so "visible on B" is bounded by B's next sync, measured here as
 * the duration of that sync round. WebDAV is Debian's rclone on loopback.
 */
export async function benchSync(context: BenchContext): Promise<BenchRow[]> {
  const { send, extensionPage } = context;
  const dav = await startWebDav();
  try {
    await send('vault/create', { passphrase: BENCH_PASSPHRASE });
    const preview = await send<{ token: string }>('backup/preview', { data: Buffer.from(accountList(1000)).toString('base64'), fileName: 'accounts.txt' });
    await send('backup/import', { token: preview.token, includeDuplicates: false });
    // `localhost`: the bench browser maps every other host (IP literals too) to its HTTPS test server.
    const webdav = { url: dav.url.replace('127.0.0.1', 'localhost'), user: DAV_USER, password: DAV_PASSWORD };
    await send('sync/enable', { engine: 'webdav', webdav, deviceName: 'A' });

    const firstSync: number[] = [];
    const visible: number[] = [];
    for (let round = 0; round < 3; round++) {
      const b = await launchWithExtension();
      try {
        const page = await b.context.newPage();
        await page.goto(`chrome-extension://${b.extensionId}/popup.html`);
        await sendFrom(page, 'vault/create', { passphrase: `fresh browser ${round} passphrase` });
        const now = () => page.evaluate(() => performance.now());
        // Not timed: the person types the synced vault's passphrase and reads the preview.
        await sendFrom(page, 'sync/enable', { engine: 'webdav', webdav, deviceName: `B${round}`, passphrase: BENCH_PASSPHRASE });
        const started = await now();
        await sendFrom(page, 'sync/enable', { engine: 'webdav', webdav, deviceName: `B${round}`, passphrase: BENCH_PASSPHRASE, confirmJoin: true });
        firstSync.push(((await now()) - started) / 1000);
        const { accounts } = await sendFrom<{ accounts: { id: string; notes: string }[] }>(page, 'accounts/list', null);
        if (accounts.length !== 1000) throw new Error(`B has ${accounts.length} accounts after the first sync`);

        for (let change = 0; change < 2; change++) {
          const note = `round ${round} change ${change}`;
          await send('accounts/update', { id: accounts[change]!.id, fields: { notes: note } });
          await send('sync/now', null);
          const t0 = await now();
          await sendFrom(page, 'sync/now', null);
          const t1 = await now();
          const after = await sendFrom<{ accounts: { id: string; notes: string }[] }>(page, 'accounts/list', null);
          if (after.accounts.find((a) => a.id === accounts[change]!.id)?.notes !== note) throw new Error('the change did not reach B');
          visible.push((t1 - t0) / 1000);
        }
      } finally {
        await b.dispose();
      }
    }

    // The same 1,000 accounts through storage.sync instead.
    await send('sync/disable', null);
    await send('sync/enable', { engine: 'browser', deviceName: 'A' });
    const bytes = await extensionPage.evaluate(() => chrome.storage.sync.getBytesInUse(null));

    return [
      atMost('first sync of 1,000 accounts into a fresh browser (loopback WebDAV)', firstSync, 3, 's'),
      atMost('a change on A visible on B, B\'s next sync round (WebDAV)', visible, 2, 's'),
      atMost('storage.sync bytes used by 1,000 typical accounts', [bytes], 102_400, 'bytes'),
    ];
  } finally {
    await dav.dispose();
  }
}
