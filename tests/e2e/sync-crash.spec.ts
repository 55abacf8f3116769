import { request as httpRequest, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { launchWithExtension } from './support/browser';
import { killBrowser } from './support/kill';
import { DAV_PASSWORD, DAV_USER, startWebDav, type WebDavServer } from './support/webdav';
import { PopupPage } from './pages/popup';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/**
 * "Browser killed mid-sync → no mix". B's requests go through a relay in front of the real rclone
 * WebDAV server. The relay lets B's round read everything and publish its merged state (the PUT reaches
 * the server), then never answers that PUT: B is stopped exactly between publishing and applying the
 * merge locally. The test then SIGKILLs Chromium, relaunches the same profile, and finds the old set of
 * accounts — not part of the new one — and the next sync completes with the new set on both browsers.
 */

const PASS_A = 'first browser passphrase';
const SECRETS = ['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'];

async function send<T>(page: Page, type: string, payload: unknown): Promise<T> {
  const reply = (await page.evaluate(([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }), [type, payload] as const)) as
    | { ok: true; value: T }
    | { ok: false; error: { code: string; message: string } };
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
  return reply.value;
}

interface Listed {
  accounts: { id: string; issuer: string; name: string; notes: string }[];
}
const view = (list: Listed) => list.accounts.map((a) => `${a.issuer}:${a.name}|${a.notes}`).sort();

/**
 * A relay to the WebDAV server. `trapNextPut()`: the next PUT is forwarded and completed on the server,
 * but its answer is never sent. `hold()`: requests wait (unanswered) until `release()` forwards them.
 */
class Relay {
  private server: Server;
  private trap: { landed: () => void } | null = null;
  private held: (() => void)[] | null = null;
  port = 0;
  constructor(private readonly upstream: number) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }
  trapNextPut(): Promise<void> {
    return new Promise((resolve) => (this.trap = { landed: resolve }));
  }
  hold(): void {
    this.held = [];
  }
  release(): void {
    const waiting = this.held ?? [];
    this.held = null;
    for (const go of waiting) go();
  }
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.held) await new Promise<void>((resolve) => this.held!.push(resolve));
    const trap = req.method === 'PUT' ? this.trap : null;
    if (trap) this.trap = null;
    const upstream = httpRequest({ host: '127.0.0.1', port: this.upstream, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const body: Buffer[] = [];
      answer.on('data', (c: Buffer) => body.push(c));
      answer.on('end', () => {
        if (trap) return trap.landed(); // on the server; the browser never hears back
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(Buffer.concat(body));
      });
    });
    upstream.on('error', () => res.destroy());
    upstream.end(Buffer.concat(chunks));
  }
}

let dav: WebDavServer;
let relay: Relay;
test.beforeEach(async () => {
  dav = await startWebDav();
  relay = new Relay(dav.port);
  await relay.start();
});
test.afterEach(async () => {
  await relay.close();
  await dav.dispose();
});

test('Chromium killed between publishing a merge and applying it: the old set after relaunch, never a mix; the next sync completes', async () => {
  test.setTimeout(180_000);
  const a = await launchWithExtension();
  let b = await launchWithExtension();
  try {
    const popupA = await new PopupPage(await a.context.newPage(), a.extensionId).open();
    await popupA.createVault(PASS_A);
    const pa = popupA.page;
    await send(pa, 'accounts/add', { issuer: 'GitHub', name: 'alice', secret: SECRETS[0] });
    await send(pa, 'accounts/add', { issuer: 'Mail', name: 'bob', secret: SECRETS[1] });
    const enabled = await send<{ state: string; status: { lastError: unknown } }>(pa, 'sync/enable', { engine: 'webdav', webdav: { url: dav.url, user: DAV_USER, password: DAV_PASSWORD }, deviceName: 'Laptop' });
    expect(enabled.status.lastError).toBeNull();

    // B joins through the relay (an empty vault joins without a question) and holds the old set.
    let popupB = await new PopupPage(await b.context.newPage(), b.extensionId).open();
    await popupB.createVault('second browser passphrase');
    const relayed = { url: `http://127.0.0.1:${relay.port}/`, user: DAV_USER, password: DAV_PASSWORD };
    const joined = await send<{ state: string }>(popupB.page, 'sync/enable', { engine: 'webdav', webdav: relayed, deviceName: 'Desktop', passphrase: PASS_A, confirmJoin: true });
    expect(joined.state).toBe('enabled');
    const oldSet = view(await send<Listed>(popupB.page, 'accounts/list', null));
    expect(oldSet).toEqual(['GitHub:alice|', 'Mail:bob|']);

    // A changes a lot: adds two, deletes one, edits one. That is the new set.
    const listA = await send<Listed>(pa, 'accounts/list', null);
    await send(pa, 'accounts/add', { issuer: 'Bank', name: 'carol', secret: SECRETS[2] });
    await send(pa, 'accounts/add', { issuer: 'Shop', name: 'dave', secret: SECRETS[3] });
    await send(pa, 'accounts/delete', { ids: [listA.accounts.find((x) => x.name === 'alice')!.id] });
    await send(pa, 'accounts/update', { id: listA.accounts.find((x) => x.name === 'bob')!.id, fields: { notes: 'edited on A' } });
    expect((await send<{ lastError: unknown }>(pa, 'sync/now', null)).lastError).toBeNull();
    const newSet = view(await send<Listed>(pa, 'accounts/list', null));
    expect(newSet).toEqual(['Bank:carol|', 'Mail:bob|edited on A', 'Shop:dave|']);

    // B's round: read, merge, publish (lands on the server) — and Chromium dies before the answer.
    const landed = relay.trapNextPut();
    void send(popupB.page, 'sync/now', null).catch(() => undefined);
    await landed;
    const devices = join(dav.dir, 'keyring', 'devices');
    const published = await Promise.all((await readdir(devices)).map(async (f) => JSON.parse(await readFile(join(devices, f), 'utf8')) as { device: { name: string }; records: { del?: 1 }[] }));
    const fromB = published.find((f) => f.device.name === 'Desktop')!;
    expect(fromB.records.filter((r) => !r.del)).toHaveLength(3); // B had merged the new set and published it
    relay.hold(); // whatever the relaunched browser asks waits, so the vault is seen as the crash left it
    await killBrowser(b);

    b = await launchWithExtension({ userDataDir: b.userDataDir });
    popupB = await new PopupPage(await b.context.newPage(), b.extensionId).open();
    await popupB.expectLocked(); // the key was in memory only
    await popupB.unlock(PASS_A);
    await popupB.expectUnlocked();
    expect(view(await send<Listed>(popupB.page, 'accounts/list', null))).toEqual(oldSet);

    relay.release();
    const after = await send<{ lastError: unknown; lastSyncAt: number | null }>(popupB.page, 'sync/now', null);
    expect(after.lastError).toBeNull();
    expect(view(await send<Listed>(popupB.page, 'accounts/list', null))).toEqual(newSet);
    expect((await send<{ lastError: unknown }>(pa, 'sync/now', null)).lastError).toBeNull();
    expect(view(await send<Listed>(pa, 'accounts/list', null))).toEqual(newSet);
    // And the popup says so, in words.
    await popupB.open();
    await expect(popupB.page.getByTestId('sync-status')).toContainText(/WebDAV: synced/);
  } finally {
    await a.dispose();
    await b.close();
    await rm(b.userDataDir, { recursive: true, force: true });
  }
});
