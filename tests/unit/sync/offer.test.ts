import { describe, expect, it } from 'vitest';
import { makeDraft } from '@/lib/otp/account';
import { SyncService, type OfferStore, type StatusStore, type SyncStatus } from '@/lib/sync/service';
import { StorageSyncEngine, type SyncArea } from '@/lib/sync/storage-sync';
import { makeVault, TEST_COST } from '../vault/helpers';

/** The one-time "turn on sync or backups" offer: when it is due, and that it never comes back once settled. */

class Area implements SyncArea {
  items: Record<string, unknown> = {};
  async get() {
    return structuredClone(this.items);
  }
  async set(items: Record<string, unknown>) {
    Object.assign(this.items, structuredClone(items));
  }
  async remove(keys: string | string[]) {
    for (const k of [keys].flat()) delete this.items[k];
  }
}

async function setup() {
  const { vault } = await makeVault();
  await vault.create('passphrase', TEST_COST);
  let saved: SyncStatus | undefined;
  const status: StatusStore = { load: async () => saved, save: async (s) => void (saved = s) };
  let settled = false;
  const offer: OfferStore = { settled: async () => settled, settle: async () => void (settled = true) };
  const backups = { on: false };
  const engine = new StorageSyncEngine(new Area());
  const service = new SyncService({ vault, status, engineFor: () => engine, backupsOn: async () => backups.on, offer });
  const add = (name: string) => vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Site', name })]);
  return { vault, service, backups, add };
}

describe('the one-time offer to turn on sync or backups', () => {
  it('is due once the first account is added, and never again after the person dismisses it', async () => {
    const { service, add } = await setup();
    expect((await service.status()).offer).toBe(false); // no account yet
    await add('alice');
    expect((await service.status()).offer).toBe(true);
    expect((await service.status()).offer).toBe(true); // still offered until answered
    expect((await service.dismissOffer()).offer).toBe(false);
    await add('bob');
    expect((await service.status()).offer).toBe(false);
  });

  it('is settled for good by turning sync on, even after turning it off again', async () => {
    const { service, add } = await setup();
    await add('alice');
    expect((await service.status()).offer).toBe(true);
    await service.enable({ engine: 'browser', deviceName: 'Laptop' });
    expect((await service.status()).offer).toBe(false);
    await service.disable();
    const status = await service.status();
    expect(status.enabled).toBe(false);
    expect(status.offer).toBe(false);
  });

  it('is settled for good by automatic backups being on', async () => {
    const { service, backups, add } = await setup();
    await add('alice');
    backups.on = true;
    expect((await service.status()).offer).toBe(false);
    backups.on = false;
    expect((await service.status()).offer).toBe(false);
  });
});
