import { describe, expect, it } from 'vitest';
import { makeDraft } from '@/lib/otp/account';
import type { RemoteReplica, SyncEngine } from '@/lib/sync/engine';
import { digest } from '@/lib/sync/engine';
import { openDeviceFile, parseDeviceFile, sealDeviceFile, verifyHeaderCheck, type ReplicaState } from '@/lib/sync/format';
import { TOMBSTONE_BOUND_MS, tombstoneCleanup, type RecordVersion } from '@/lib/sync/merge';
import { SyncService } from '@/lib/sync/service';
import { makeVault, TEST_COST } from '../vault/helpers';
import { MemoryStatus } from './helpers';

/**
 * Tombstone cleanup: a delete is kept as a tombstone for TOMBSTONE_BOUND_MS (90 days) and until every
 * device still syncing has seen it, then dropped from the remote files and the local sync state. Real
 * vaults and the real service and device-file format; the server is a map of one file per device,
 * exactly what the WebDAV engine stores (tests/unit/sync/webdav-servers.test.ts runs real servers).
 */

const DAY = 86_400_000;

class DeviceFiles implements SyncEngine {
  readonly kind = 'webdav' as const;
  files = new Map<string, string>();
  async read(): Promise<RemoteReplica[]> {
    return Promise.all(
      [...this.files.values()].map(async (text) => {
        const file = parseDeviceFile(text);
        return {
          vaultId: file.vaultId,
          device: file.device,
          writtenAt: file.writtenAt,
          key: file.key,
          fingerprint: await digest(text),
          verify: (k: CryptoKey) => verifyHeaderCheck(k, file, file.check),
          open: (k: CryptoKey) => openDeviceFile(k, file),
        };
      }),
    );
  }
  async write(masterKey: CryptoKey, state: ReplicaState): Promise<string> {
    const text = JSON.stringify(await sealDeviceFile(masterKey, state));
    this.files.set(state.device.id, text);
    return digest(text);
  }
  /** Record count of each device's file, by device name. */
  records(): Record<string, { live: number; tombstones: number }> {
    return Object.fromEntries(
      [...this.files.values()].map((text) => {
        const file = parseDeviceFile(text);
        return [file.device.name, { live: file.records.filter((r) => !r.del).length, tombstones: file.records.filter((r) => r.del).length }];
      }),
    );
  }
}

const clock = { now: Date.parse('2026-01-01T00:00:00Z') };

async function browserOn(server: DeviceFiles, passphrase: string) {
  const { vault, store } = await makeVault(clock);
  await vault.create(passphrase, TEST_COST);
  const service = new SyncService({ vault, status: new MemoryStatus(), engineFor: () => server, now: () => clock.now });
  /** The tombstones in this browser's local sync state (its last merged state). */
  const localTombstones = async () => {
    const { key } = await vault.syncAccess();
    const { openEntry } = await import('@/lib/sync/service');
    const base = (await openEntry<RecordVersion[]>(key, 'base', await store.getSync('base'))) ?? [];
    return base.filter((v) => v.deleted).length;
  };
  return { vault, service, localTombstones };
}

async function pair() {
  const server = new DeviceFiles();
  const a = await browserOn(server, 'passphrase-A');
  const [alice] = await a.vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', name: 'alice' })]);
  await a.vault.add([makeDraft({ secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Mail', name: 'bob' })]);
  await a.service.enable({ engine: 'webdav', deviceName: 'Laptop' });
  const b = await browserOn(server, 'passphrase-B');
  await b.service.enable({ engine: 'webdav', deviceName: 'Desktop', passphrase: 'passphrase-A', confirmJoin: true });
  await a.service.syncNow();
  return { server, a, b, alice: alice! };
}

const names = async (x: { vault: { contents(): Promise<{ accounts: { name: string }[] }> } }) => (await x.vault.contents()).accounts.map((acc) => acc.name).sort();

describe('tombstone cleanup', () => {
  it('a deleted account does not come back from a device that was offline for less than the bound', async () => {
    const { server, a, b, alice } = await pair();
    await a.vault.remove([alice.id]);
    // A syncs every day for 89 days while B is off.
    for (let day = 0; day < 89; day++) {
      expect((await a.service.syncNow()).lastError).toBeNull();
      clock.now += DAY;
    }
    expect(server.records().Laptop).toEqual({ live: 1, tombstones: 1 });
    expect(await names(b)).toEqual(['alice', 'bob']);
    expect((await b.service.syncNow()).lastError).toBeNull();
    expect(await names(b)).toEqual(['bob']);
    await a.service.syncNow();
    expect(await names(a)).toEqual(['bob']);
  });

  it('past the bound and seen by every device, a tombstone is dropped from every remote file and the local state', async () => {
    const { server, a, b, alice } = await pair();
    await a.vault.remove([alice.id]);
    await a.service.syncNow();
    clock.now += DAY;
    await b.service.syncNow(); // B has seen it
    expect(await names(b)).toEqual(['bob']);
    expect(server.records()).toEqual({ Laptop: { live: 1, tombstones: 1 }, Desktop: { live: 1, tombstones: 1 } });

    clock.now += TOMBSTONE_BOUND_MS - 2 * DAY; // not yet past the bound
    await a.service.syncNow();
    expect(server.records().Laptop!.tombstones).toBe(1);
    expect(await a.localTombstones()).toBe(1);

    clock.now += 2 * DAY; // past it
    expect((await a.service.syncNow()).lastError).toBeNull();
    expect(server.records().Laptop).toEqual({ live: 1, tombstones: 0 });
    expect(await a.localTombstones()).toBe(0);
    // B's file still has it: A reads it again, and drops it again (no flip-flop of what A publishes).
    const laptopFile = () => [...server.files.values()].find((text) => parseDeviceFile(text).device.name === 'Laptop');
    const written = laptopFile();
    await a.service.syncNow();
    expect(laptopFile()).toBe(written);
    expect((await b.service.syncNow()).lastError).toBeNull();
    expect(server.records()).toEqual({ Laptop: { live: 1, tombstones: 0 }, Desktop: { live: 1, tombstones: 0 } });
    expect(await b.localTombstones()).toBe(0);
    expect(await names(a)).toEqual(['bob']);
    expect(await names(b)).toEqual(['bob']);
  });

  it('a device still syncing that has not seen the tombstone holds it back; one silent past the bound does not', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    const by = { id: 'A', name: 'Laptop' };
    const tombstone: RecordVersion = { id: 'x', vv: { A: 2 }, deleted: true, account: null, by, at: now - TOMBSTONE_BOUND_MS - DAY };
    const older: RecordVersion = { id: 'x', vv: { A: 1 }, deleted: false, account: null, by };
    const drop = (replicas: { writtenAt: number; versions: RecordVersion[] }[]) => tombstoneCleanup({ now, replicas })(tombstone);
    expect(drop([])).toBe(true);
    expect(drop([{ writtenAt: now - DAY, versions: [older] }])).toBe(false); // active, has not seen the delete
    expect(drop([{ writtenAt: now - DAY, versions: [tombstone] }])).toBe(true); // has seen it
    expect(drop([{ writtenAt: now - DAY, versions: [] }])).toBe(true); // dropped it already (or never had the account)
    expect(drop([{ writtenAt: now - TOMBSTONE_BOUND_MS - 1, versions: [older] }])).toBe(true); // silent past the bound
    expect(tombstoneCleanup({ now, replicas: [] })({ ...tombstone, at: now - TOMBSTONE_BOUND_MS + DAY })).toBe(false); // too young
    const { at: _at, ...untimed } = tombstone;
    expect(tombstoneCleanup({ now, replicas: [] })(untimed)).toBe(false); // no time: kept
  });

  it('the synced state stays bounded: a year of daily add-and-delete keeps about 90 days of tombstones', async () => {
    const { server, a, b } = await pair();
    let previous: string | null = null;
    for (let day = 0; day < 365; day++) {
      const [added] = await a.vault.add([makeDraft({ secret: 'MFRGGZDFMZTWQ2LK', issuer: 'Daily', name: `day-${day}` })]);
      if (previous) await a.vault.remove([previous]);
      previous = added!.id;
      await a.service.syncNow();
      if (day % 7 === 0) await b.service.syncNow(); // B syncs weekly
      clock.now += DAY;
    }
    await b.service.syncNow();
    await a.service.syncNow();
    const records = server.records();
    // 3 live accounts (alice, bob, the last day's); tombstones only from the last 90 days (+ a week of B's lag).
    expect(records.Laptop!.live).toBe(3);
    expect(records.Laptop!.tombstones).toBeGreaterThanOrEqual(85);
    expect(records.Laptop!.tombstones).toBeLessThanOrEqual(98);
    expect(records.Desktop!.tombstones).toBeLessThanOrEqual(98);
    expect(await a.localTombstones()).toBe(records.Laptop!.tombstones);
    expect(await names(b)).toEqual(['alice', 'bob', 'day-364']);
  }, 120_000);
});
