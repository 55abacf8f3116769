import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDraft } from '@/lib/otp/account';
import { SyncService } from '@/lib/sync/service';
import { WebDavEngine, type Fetch } from '@/lib/sync/webdav';
import { startApacheDav } from '../../e2e/support/apache-dav';
import { DAV_PASSWORD, DAV_USER, startWebDav, type WebDavServer } from '../../e2e/support/webdav';
import { makeVault, TEST_COST } from '../vault/helpers';
import { MemoryStatus } from './helpers';

/**
 * The sync service and the WebDAV engine against two REAL WebDAV servers started here: Debian's rclone
 * 1.60 (ignores If-Match: a PUT with a wrong ETag succeeds) and Apache httpd's mod_dav (honours it:
 * 412). The design writes one file per browser and never relies on conditional writes, so the same
 * tests must pass on both — nothing lost on either kind. Real vaults (IndexedDB via fake-indexeddb),
 * Node's fetch, the real servers' files on disk.
 */

const SECRETS = ['JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU', 'ONSWG4TFOQYTEMZUONSWG4TFOQYTEMZU'];

const servers: Record<string, () => Promise<WebDavServer>> = { rclone: startWebDav, apache: startApacheDav };

describe.each(Object.keys(servers))('sync through a real %s WebDAV server', (kind) => {
  let dav: WebDavServer;
  beforeAll(async () => {
    dav = await servers[kind]!();
  }, 60_000);
  afterAll(async () => {
    await dav?.dispose();
  });

  const clock = { now: Date.now() };
  /** One browser: a vault, a sync service, and its WebDAV engine (its fetch can be wrapped per test). */
  async function browser(passphrase: string, wrap: (f: Fetch) => Fetch = (f) => f) {
    const { vault } = await makeVault(clock);
    await vault.create(passphrase, TEST_COST);
    const fetcher = wrap((input, init) => fetch(input, init));
    const service = new SyncService({ vault, status: new MemoryStatus(), engineFor: (config) => new WebDavEngine(config.webdav!, fetcher) });
    return { vault, service };
  }
  const names = async (b: { vault: { contents(): Promise<{ accounts: { name: string }[] }> } }) => (await b.vault.contents()).accounts.map((a) => a.name).sort();
  const auth = `Basic ${Buffer.from(`${DAV_USER}:${DAV_PASSWORD}`).toString('base64')}`;
  /** A fresh folder on the server for each test (the servers run for the whole file). */
  const webdav = async () => {
    const url = `${dav.url}${Math.random().toString(36).slice(2)}/`;
    expect((await fetch(url, { method: 'MKCOL', headers: { Authorization: auth } })).status).toBe(201);
    return { url, user: DAV_USER, password: DAV_PASSWORD };
  };
  const devicesFolder = (config: { url: string }) => join(dav.dir, new URL(config.url).pathname.slice(new URL(dav.url).pathname.length), 'keyring', 'devices');

  it(`is the kind of server this test means: a PUT with a wrong If-Match is ${kind === 'apache' ? 'refused (412)' : 'accepted anyway'}`, async () => {
    const url = `${dav.url}if-match-probe.txt`;
    expect((await fetch(url, { method: 'PUT', body: 'one', headers: { Authorization: auth } })).status).toBeLessThan(300);
    const conditional = await fetch(url, { method: 'PUT', body: 'two', headers: { Authorization: auth, 'If-Match': '"not-the-etag"' } });
    if (kind === 'apache') expect(conditional.status).toBe(412);
    else expect(conditional.status).toBeLessThan(300);
  });

  it('two replicas round trip: join with the synced passphrase, add, edit and delete travel both ways', async () => {
    const config = await webdav();
    const a = await browser('passphrase-A');
    await a.vault.add([makeDraft({ secret: SECRETS[0]!, issuer: 'GitHub', name: 'alice' })]);
    expect((await a.service.enable({ engine: 'webdav', webdav: config, deviceName: 'Laptop' })).state).toBe('enabled');

    const b = await browser('passphrase-B');
    await b.vault.add([makeDraft({ secret: SECRETS[1]!, issuer: 'Mail', name: 'bob' })]);
    await expect(b.service.enable({ engine: 'webdav', webdav: { ...config, password: 'wrong' }, deviceName: 'Desktop' })).rejects.toMatchObject({ code: 'sync_auth' });
    await expect(b.service.enable({ engine: 'webdav', webdav: config, deviceName: 'Desktop' })).rejects.toMatchObject({ code: 'sync_join_needed' });
    expect(await b.service.enable({ engine: 'webdav', webdav: config, deviceName: 'Desktop', passphrase: 'passphrase-A' })).toEqual({
      state: 'confirm-join',
      preview: { localAccounts: 1, remoteAccounts: 1, duplicates: 0 },
    });
    expect((await b.service.enable({ engine: 'webdav', webdav: config, deviceName: 'Desktop', passphrase: 'passphrase-A', confirmJoin: true })).state).toBe('enabled');
    expect(await names(b)).toEqual(['alice', 'bob']);
    expect((await a.service.syncNow()).lastError).toBeNull();
    expect(await names(a)).toEqual(['alice', 'bob']);

    const [carol] = await a.vault.add([makeDraft({ secret: SECRETS[2]!, issuer: 'Bank', name: 'carol' })]);
    await a.service.syncNow();
    await b.service.syncNow();
    expect(await names(b)).toEqual(['alice', 'bob', 'carol']);
    await b.vault.update(carol!.id, { notes: 'edited on B' });
    await b.service.syncNow();
    await a.service.syncNow();
    expect((await a.vault.get(carol!.id)).notes).toBe('edited on B');
    await a.vault.remove([carol!.id]);
    await a.service.syncNow();
    expect((await b.service.syncNow()).lastError).toBeNull();
    expect(await names(b)).toEqual(['alice', 'bob']);
    // One file per browser on the server, and no plaintext in either.
    const folder = devicesFolder(config);
    const files = await readdir(folder);
    expect(files).toHaveLength(2);
    for (const file of files) expect(await readFile(join(folder, file), 'utf8')).not.toMatch(/alice|GitHub|JBSWY3DP/);
  });

  it('concurrent writers lose nothing: A publishes a state read before B\'s write, and both rounds also run at once', async () => {
    const config = await webdav();
    // A's next PUT waits until B has finished a whole round: A then writes what it merged before B's write.
    let holdPut: Promise<void> | null = null;
    let putHeld: () => void = () => undefined;
    const a = await browser('passphrase-A', (f) => async (input, init) => {
      if (init?.method === 'PUT' && holdPut) {
        putHeld();
        await holdPut;
      }
      return f(input, init);
    });
    const [shared] = await a.vault.add([makeDraft({ secret: SECRETS[0]!, issuer: 'GitHub', name: 'alice' })]);
    await a.service.enable({ engine: 'webdav', webdav: config, deviceName: 'Laptop' });
    const b = await browser('passphrase-B');
    await b.service.enable({ engine: 'webdav', webdav: config, deviceName: 'Desktop', passphrase: 'passphrase-A', confirmJoin: true });

    await a.vault.add([makeDraft({ secret: SECRETS[1]!, issuer: 'A-only', name: 'from-a' })]);
    await a.vault.update(shared!.id, { notes: 'note from A' });
    await b.vault.add([makeDraft({ secret: SECRETS[2]!, issuer: 'B-only', name: 'from-b' })]);
    await b.vault.update(shared!.id, { notes: 'note from B' });
    let release: () => void = () => undefined;
    holdPut = new Promise((resolve) => (release = resolve));
    const reachedPut = new Promise<void>((resolve) => (putHeld = resolve));
    const roundA = a.service.syncNow();
    await reachedPut; // A has read and merged; its write is pending
    expect((await b.service.syncNow()).lastError).toBeNull(); // B reads, merges, writes in between
    holdPut = null;
    release();
    expect((await roundA).lastError).toBeNull();

    // Then both at the same time, twice, and everyone converges.
    await b.vault.add([makeDraft({ secret: SECRETS[3]!, issuer: 'B-again', name: 'from-b-2' })]);
    await a.vault.add([makeDraft({ secret: SECRETS[4]!, issuer: 'A-again', name: 'from-a-2' })]);
    for (let i = 0; i < 2; i++) {
      const [sa, sb] = await Promise.all([a.service.syncNow(), b.service.syncNow()]);
      expect(sa.lastError).toBeNull();
      expect(sb.lastError).toBeNull();
    }
    await a.service.syncNow();
    const view = async (x: typeof a) => (await x.vault.contents()).accounts.map((acc) => `${acc.name}|${acc.notes}`).sort();
    expect(await view(a)).toEqual(await view(b));
    const all = await view(a);
    for (const name of ['from-a', 'from-b', 'from-a-2', 'from-b-2']) expect(all.some((line) => line.startsWith(`${name}|`))).toBe(true);
    // Both edits of the shared account are kept, one as a visible conflict copy.
    expect(all.filter((line) => line.endsWith('|note from A') || line.endsWith('|note from B'))).toHaveLength(2);
    expect(all.some((line) => /^alice \(conflict from (Laptop|Desktop)\)\|/.test(line))).toBe(true);
  });

  it('a tampered remote file is refused (sync_tampered) and changes nothing locally; its owner rewrites it', async () => {
    const config = await webdav();
    const a = await browser('passphrase-A');
    await a.vault.add([makeDraft({ secret: SECRETS[0]!, issuer: 'GitHub', name: 'alice' })]);
    await a.service.enable({ engine: 'webdav', webdav: config, deviceName: 'Laptop' });
    const b = await browser('passphrase-B');
    await b.service.enable({ engine: 'webdav', webdav: config, deviceName: 'Desktop', passphrase: 'passphrase-A', confirmJoin: true });
    await b.vault.add([makeDraft({ secret: SECRETS[1]!, issuer: 'Mail', name: 'bob' })]);
    await b.service.syncNow();

    const folder = devicesFolder(config);
    let altered = 0;
    for (const name of await readdir(folder)) {
      const path = join(folder, name);
      const file = JSON.parse(await readFile(path, 'utf8')) as { device: { name: string }; records: { ct: string }[] };
      if (file.device.name !== 'Desktop') continue;
      const record = file.records.at(-1)!;
      record.ct = (record.ct[0] === 'A' ? 'B' : 'A') + record.ct.slice(1);
      await writeFile(path, JSON.stringify(file));
      altered++;
    }
    expect(altered).toBe(1);
    const before = await a.vault.contents();
    const refused = await a.service.syncNow();
    expect(refused.lastError?.code).toBe('sync_tampered');
    expect(await a.vault.contents()).toEqual(before);
    expect(await names(a)).toEqual(['alice']);
    // B notices its own file was altered and writes it again; then A takes bob.
    expect((await b.service.syncNow()).lastError).toBeNull();
    expect((await a.service.syncNow()).lastError).toBeNull();
    expect(await names(a)).toEqual(['alice', 'bob']);
  });
});
