import { describe, expect, it } from 'vitest';
import { makeDraft } from '@/lib/otp/account';
import { SyncService, type SyncStatus } from '@/lib/sync/service';
import { packedBytes, QUOTA_BYTES, QUOTA_BYTES_PER_ITEM, StorageSyncEngine, type SyncArea } from '@/lib/sync/storage-sync';
import { makeVault, TEST_COST } from '../vault/helpers';
import { MemoryStatus } from './helpers';

/**
 * The sync service end to end in memory: two real Vaults (IndexedDB through fake-indexeddb) and the
 * storage.sync engine over an area that enforces Chrome's byte quotas. The real chrome.storage.sync
 * is exercised by tests/e2e/sync.spec.ts.
 */
class QuotaArea implements SyncArea {
  items = new Map<string, unknown>();
  writes = 0;
  async get() {
    return Object.fromEntries([...this.items].map(([k, v]) => [k, structuredClone(v)]));
  }
  async set(items: Record<string, unknown>) {
    const next = new Map(this.items);
    for (const [k, v] of Object.entries(items)) {
      if (k.length + JSON.stringify(v).length > QUOTA_BYTES_PER_ITEM) throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
      next.set(k, structuredClone(v));
    }
    if (packedBytes(Object.fromEntries(next)) > QUOTA_BYTES) throw new Error('QUOTA_BYTES quota exceeded');
    this.items = next;
    this.writes++;
  }
  async remove(keys: string | string[]) {
    for (const k of [keys].flat()) this.items.delete(k);
    this.writes++;
  }
}

const clock = { now: Date.now() };

async function browserWith(area: SyncArea, passphrase: string, name: string) {
  const { vault } = await makeVault(clock);
  await vault.create(passphrase, TEST_COST);
  const engine = new StorageSyncEngine(area);
  const service = new SyncService({ vault, status: new MemoryStatus(), engineFor: () => engine });
  return { vault, service, name };
}

const secret = (i: number) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let s = '';
  let x = (i + 1) * 2654435761;
  for (let k = 0; k < 32; k++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    s += alphabet[x % 32];
  }
  return s;
};

describe('sync service over storage.sync', () => {
  it('A adds, B joins with the synced passphrase after confirming, edits and deletes travel both ways', async () => {
    const area = new QuotaArea();
    const a = await browserWith(area, 'passphrase-A', 'A');
    await a.vault.add([makeDraft({ secret: secret(1), issuer: 'GitHub', name: 'alice' })]);
    const enabled = await a.service.enable({ engine: 'browser', deviceName: 'Laptop' });
    expect(enabled.state).toBe('enabled');

    const b = await browserWith(area, 'passphrase-B', 'B');
    await b.vault.add([makeDraft({ secret: secret(2), issuer: 'Mail', name: 'bob' })]);
    await expect(b.service.enable({ engine: 'browser', deviceName: 'Desktop' })).rejects.toMatchObject({ code: 'sync_join_needed' });
    await expect(b.service.enable({ engine: 'browser', deviceName: 'Desktop', passphrase: 'wrong-passphrase' })).rejects.toMatchObject({ code: 'wrong_passphrase' });
    const preview = await b.service.enable({ engine: 'browser', deviceName: 'Desktop', passphrase: 'passphrase-A' });
    expect(preview).toEqual({ state: 'confirm-join', preview: { localAccounts: 1, remoteAccounts: 1, duplicates: 0 } });
    const joined = await b.service.enable({ engine: 'browser', deviceName: 'Desktop', passphrase: 'passphrase-A', confirmJoin: true });
    expect(joined.state).toBe('enabled');
    expect((await b.vault.contents()).accounts.map((x) => x.name).sort()).toEqual(['alice', 'bob']);
    // B now opens with the synced vault's passphrase only.
    await b.vault.lock();
    await expect(b.vault.unlock('passphrase-B')).rejects.toMatchObject({ code: 'wrong_passphrase' });
    await b.vault.unlock('passphrase-A');

    await a.service.syncNow();
    expect((await a.vault.contents()).accounts.map((x) => x.name).sort()).toEqual(['alice', 'bob']);

    const alice = (await b.vault.contents()).accounts.find((x) => x.name === 'alice')!;
    await b.vault.update(alice.id, { notes: 'edited on B' });
    await b.service.syncNow();
    await a.service.syncNow();
    expect((await a.vault.get(alice.id)).notes).toBe('edited on B');

    await a.vault.remove([alice.id]);
    await a.service.syncNow();
    await b.service.syncNow();
    expect((await b.vault.contents()).accounts.map((x) => x.name)).toEqual(['bob']);
  });

  it('Sync now during a round runs another round after it: the running one may have read the vault before the edit', async () => {
    const area = new QuotaArea();
    const a = await browserWith(area, 'passphrase-A', 'A');
    const [carol] = await a.vault.add([makeDraft({ secret: secret(3), issuer: 'Bank', name: 'carol' })]);
    await a.service.enable({ engine: 'browser', deviceName: 'Laptop' });
    const b = await browserWith(area, 'passphrase-B', 'B');
    await b.service.enable({ engine: 'browser', deviceName: 'Desktop', passphrase: 'passphrase-A', confirmJoin: true });

    // A round starts (say, the one the background schedules after any change), then the person edits and asks.
    const earlier = a.service.syncNow();
    await a.vault.update(carol!.id, { notes: 'edited during a round' });
    const requested = a.service.syncNow();
    expect(requested).not.toBe(earlier);
    expect(a.service.syncNow()).toBe(requested); // requests made meanwhile share the one next round
    await Promise.all([earlier, requested]);
    await b.service.syncNow();
    expect((await b.vault.get(carol!.id)).notes).toBe('edited during a round');
  });

  it('a passphrase change on A reaches B: B keeps working, and its next unlock needs the new passphrase', async () => {
    const area = new QuotaArea();
    const a = await browserWith(area, 'passphrase-A', 'A');
    await a.service.enable({ engine: 'browser', deviceName: 'Laptop' });
    const b = await browserWith(area, 'passphrase-B', 'B');
    await b.service.enable({ engine: 'browser', deviceName: 'Desktop', passphrase: 'passphrase-A', confirmJoin: true });
    clock.now += 60_000;
    await a.vault.changePassphrase('passphrase-A', 'passphrase-NEW');
    await a.service.syncNow();
    const status = await b.service.syncNow();
    expect(status.lastError).toBeNull();
    expect(status.passphraseChangedElsewhere).toBe(true);
    await b.vault.lock();
    await expect(b.vault.unlock('passphrase-A')).rejects.toMatchObject({ code: 'wrong_passphrase' });
    await b.vault.unlock('passphrase-NEW');
  });

  it('a tampered state is refused with sync_tampered and changes nothing locally', async () => {
    const area = new QuotaArea();
    const a = await browserWith(area, 'passphrase-A', 'A');
    await a.vault.add([makeDraft({ secret: secret(1), issuer: 'GitHub', name: 'alice' })]);
    await a.service.enable({ engine: 'browser', deviceName: 'Laptop' });
    const chunk = area.items.get('ks0') as string;
    const at = chunk.length - 10;
    area.items.set('ks0', chunk.slice(0, at) + (chunk[at] === 'A' ? 'B' : 'A') + chunk.slice(at + 1));
    await a.vault.add([makeDraft({ secret: secret(3), issuer: 'X', name: 'carol' })]);
    const before = (await a.vault.contents()).accounts;
    const status = await a.service.syncNow();
    expect(status.lastError?.code).toBe('sync_tampered');
    expect(status.failures).toBe(1);
    expect(status.nextRetryAt).not.toBeNull();
    expect((await a.vault.contents()).accounts).toEqual(before);
  });

  it('1,000 typical accounts fit in storage.sync (icons of 1.5 KB each left out); 3,000 do not and are refused whole with sync_quota', async () => {
    const area = new QuotaArea();
    const a = await browserWith(area, 'passphrase-A', 'A');
    const issuers = ['Google', 'GitHub', 'Microsoft', 'Amazon Web Services', 'Dropbox', 'Proton', 'Cloudflare', 'Discord', 'Reddit', 'GitLab'];
    const drafts = Array.from({ length: 1000 }, (_, i) =>
      makeDraft({
        secret: secret(i),
        issuer: issuers[i % issuers.length]!,
        name: `person.${i}@example.com`,
        sites: i % 3 === 0 ? [`${issuers[i % issuers.length]!.toLowerCase().replace(/ /g, '')}.com`] : [],
        // A kept favicon: image bytes do not compress, so 1,000 of them alone would be 2 MB.
        icon: { kind: 'image', mime: 'image/png', data: Buffer.from(crypto.getRandomValues(new Uint8Array(1500))).toString('base64') },
      }),
    );
    await a.vault.add(drafts);
    const status = (await a.service.enable({ engine: 'browser', deviceName: 'Laptop' })) as { status: SyncStatus };
    expect(status.status.lastError).toBeNull();
    const bytes = packedBytes(Object.fromEntries(area.items));
    expect(bytes).toBeLessThanOrEqual(QUOTA_BYTES);
    console.log(`storage.sync bytes for 1,000 accounts: ${bytes}`);

    await a.vault.add(Array.from({ length: 2000 }, (_, i) => makeDraft({ secret: secret(5000 + i), issuer: 'Extra', name: `more.${i}@example.com` })));
    const full = await a.service.syncNow();
    expect(full.lastError).toEqual({ code: 'sync_browser_full', params: { accounts: 3000, kilobytes: expect.any(Number) as number } });
    expect((await a.vault.contents()).accounts).toHaveLength(3000);
  });

  it('never exceeds the write rate: beyond 60 writes a minute the engine refuses (sync_write_limit) and the round retries later', async () => {
    const area = new QuotaArea();
    const clockMs = { now: 0 };
    const { vault } = await makeVault(clock);
    await vault.create('passphrase-A', TEST_COST);
    const engine = new StorageSyncEngine(area, () => clockMs.now);
    const service = new SyncService({ vault, status: new MemoryStatus(), engineFor: () => engine });
    await service.enable({ engine: 'browser', deviceName: 'Laptop' });
    let refused = 0;
    for (let i = 0; i < 70; i++) {
      await vault.add([makeDraft({ secret: secret(100 + i), issuer: 'Rate', name: `r${i}` })]);
      const status = await service.syncNow();
      if (status.lastError?.code === 'sync_write_limit') refused++;
    }
    expect(area.writes).toBeLessThanOrEqual(60);
    expect(refused).toBeGreaterThan(0);
    clockMs.now += 61_000;
    expect((await service.syncNow()).lastError).toBeNull();
  });
});
