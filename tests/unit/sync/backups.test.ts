import { describe, expect, it } from 'vitest';
import { importBackup } from '@/lib/formats';
import { makeDraft } from '@/lib/otp/account';
import { BACKUP_FOLDER, BackupService, type BackupStatus, type DownloadsApi } from '@/lib/sync/backups';
import { fromBase64 } from '@/lib/vault/bytes';
import { makeVault, TEST_COST } from '../vault/helpers';

/**
 * The automatic-backup scheduler: what the alarm, the debounce after changes, the unlock catch-up
 * and pruning to the last N do. The downloads API is a model of Chromium's (ids, uniquified names,
 * search by regex newest first, removeFile/erase); the vault is real; each written file is opened
 * again with the importer to prove it is a backup of the vault at that moment.
 */

interface Item {
  id: number;
  filename: string;
  startTime: string;
  exists: boolean;
  data: string;
}

class Downloads implements DownloadsApi {
  items: Item[] = [];
  private lastId = 0;
  constructor(private readonly clock: { now: number }) {}
  async download(options: { url: string; filename: string }): Promise<number> {
    let filename = `/home/me/Downloads/${options.filename}`;
    for (let n = 1; this.items.some((i) => i.exists && i.filename === filename); n++) filename = `/home/me/Downloads/${options.filename.replace(/\.json$/, ` (${n}).json`)}`;
    const id = ++this.lastId;
    this.items.push({ id, filename, startTime: new Date(this.clock.now).toISOString(), exists: true, data: options.url.replace(/^data:application\/json;base64,/, '') });
    return id;
  }
  async search(query: { filenameRegex: string; orderBy: string[]; exists: boolean }) {
    const re = new RegExp(query.filenameRegex);
    return this.items
      .filter((i) => i.exists === query.exists && re.test(i.filename))
      .sort((a, b) => (a.startTime < b.startTime ? 1 : a.startTime > b.startTime ? -1 : b.id - a.id))
      .map(({ id, filename, startTime }) => ({ id, filename, startTime }));
  }
  async removeFile(id: number) {
    const item = this.items.find((i) => i.id === id);
    if (!item?.exists) throw new Error('Download file already deleted');
    item.exists = false;
  }
  async erase(query: { id: number }) {
    this.items = this.items.filter((i) => i.id !== query.id);
    return [query.id];
  }
  onDisk() {
    return this.items.filter((i) => i.exists);
  }
}

/** Timers run by the test: the debounce fires when the test says time has passed. */
class ManualTimers {
  pending = new Map<number, { run: () => void; at: number }>();
  private next = 0;
  constructor(private readonly clock: { now: number }) {}
  set = (run: () => void, ms: number) => {
    this.pending.set(++this.next, { run, at: this.clock.now + ms });
    return this.next;
  };
  clear = (handle: unknown) => void this.pending.delete(handle as number);
  /** Advances the clock and runs what is due. */
  advance(ms: number) {
    this.clock.now += ms;
    for (const [h, t] of [...this.pending]) {
      if (t.at <= this.clock.now) {
        this.pending.delete(h);
        t.run();
      }
    }
  }
}

const PASSWORD = 'backup password 1';
const HOUR = 3_600_000;

async function setup(options: { debounceMs?: number } = {}) {
  const clock = { now: Date.parse('2026-01-01T00:00:00Z') };
  const { vault } = await makeVault(clock);
  await vault.create('vault passphrase', TEST_COST);
  const downloads = new Downloads(clock);
  const timers = new ManualTimers(clock);
  const schedules: (number | null)[] = [];
  let saved: BackupStatus | undefined;
  const service = new BackupService({
    vault,
    downloads: () => downloads,
    status: { load: async () => saved, save: async (s) => void (saved = s) },
    schedule: (hours) => schedules.push(hours),
    now: () => clock.now,
    debounceMs: options.debounceMs ?? 5_000,
    timers,
  });
  // Every run the service starts (the debounce's included), so the test can wait for them to finish.
  const runs: Promise<unknown>[] = [];
  const runNow = service.runNow.bind(service);
  service.runNow = (force) => {
    const run = runNow(force);
    runs.push(run);
    return run;
  };
  const settled = () => Promise.all(runs).then(() => undefined);
  return { clock, vault, downloads, timers, schedules, service, settled };
}

const add = (vault: Awaited<ReturnType<typeof setup>>['vault'], name: string) => vault.add([makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Site', name })]);

async function namesIn(item: Item): Promise<string[]> {
  const result = await importBackup({ bytes: fromBase64(item.data), fileName: item.filename }, PASSWORD);
  return result.accounts.map((a) => a.name).sort();
}

describe('automatic backups', () => {
  it('turning on writes one backup at once into its own folder and schedules the alarm at the chosen interval; off clears it', async () => {
    const { vault, downloads, schedules, service } = await setup();
    await add(vault, 'alice');
    const status = await service.configure({ enabled: true, password: PASSWORD, intervalHours: 6, keep: 5 });
    expect(schedules).toEqual([6]);
    expect(status).toMatchObject({ enabled: true, intervalHours: 6, keep: 5, lastError: null });
    expect(downloads.onDisk()).toHaveLength(1);
    expect(downloads.onDisk()[0]!.filename).toMatch(new RegExp(`/${BACKUP_FOLDER}/keyring-backup-2026-01-01T00-00-00\\.json$`));
    expect(await namesIn(downloads.onDisk()[0]!)).toEqual(['alice']);
    // An interval that is not offered falls back to a day.
    await service.configure({ enabled: true, intervalHours: 5, keep: 5 });
    expect(schedules.at(-1)).toBe(24);
    await service.configure({ enabled: false, intervalHours: 24, keep: 5 });
    expect(schedules.at(-1)).toBeNull();
    expect((await service.status()).enabled).toBe(false);
  });

  it('the interval alarm writes only when the vault changed since the last backup', async () => {
    const { clock, vault, downloads, service } = await setup();
    await add(vault, 'alice');
    await service.configure({ enabled: true, password: PASSWORD, intervalHours: 1, keep: 10 });
    clock.now += HOUR;
    await service.runNow(false); // the alarm: nothing changed
    expect(downloads.onDisk()).toHaveLength(1);
    await add(vault, 'bob');
    clock.now += HOUR;
    const status = await service.runNow(false);
    expect(downloads.onDisk()).toHaveLength(2);
    expect(status.lastBackupAt).toBe(clock.now);
    expect(await namesIn(downloads.onDisk()[1]!)).toEqual(['alice', 'bob']);
  });

  it('changes are debounced: many edits within the delay make ONE backup, after the last edit plus the delay', async () => {
    const { vault, downloads, timers, service, settled } = await setup({ debounceMs: 5_000 });
    await add(vault, 'alice');
    await service.configure({ enabled: true, password: PASSWORD, intervalHours: 24, keep: 10 });
    for (const name of ['b1', 'b2', 'b3']) {
      await add(vault, name);
      service.changed();
      timers.advance(4_000); // less than the delay: each change restarts it
    }
    await settled();
    expect(downloads.onDisk()).toHaveLength(1); // not yet
    expect(timers.pending.size).toBe(1);
    timers.advance(1_000); // the delay since the last change has passed
    await settled();
    expect(downloads.onDisk()).toHaveLength(2);
    expect(await namesIn(downloads.onDisk()[1]!)).toEqual(['alice', 'b1', 'b2', 'b3']);
    expect(timers.pending.size).toBe(0);
  });

  it('keeps only the last N backups: the oldest are removed from disk and from the download list', async () => {
    const { clock, vault, downloads, service } = await setup();
    await add(vault, 'a0');
    await service.configure({ enabled: true, password: PASSWORD, intervalHours: 1, keep: 3 });
    for (let i = 1; i <= 5; i++) {
      await add(vault, `a${i}`);
      clock.now += HOUR;
      await service.runNow(false);
    }
    const kept = downloads.onDisk();
    expect(kept).toHaveLength(3);
    expect(downloads.items).toHaveLength(3); // erased from the list too
    expect(await namesIn(kept[0]!)).toHaveLength(4);
    expect(await namesIn(kept[2]!)).toHaveLength(6); // the newest backup holds every account
    // Two backups in the same second (a uniquified name) still count once each.
    await add(vault, 'a6');
    await service.runNow(true);
    expect(downloads.onDisk().map((i) => i.filename).some((f) => / \(1\)\.json$/.test(f))).toBe(true);
    expect(downloads.onDisk()).toHaveLength(3);
  });

  it('writes nothing while locked (the next unlock catches up) and nothing for an empty vault', async () => {
    const { clock, vault, downloads, timers, service, settled } = await setup();
    await service.configure({ enabled: true, password: PASSWORD, intervalHours: 1, keep: 3 });
    expect(downloads.onDisk()).toHaveLength(0); // no accounts: no backup
    await service.runNow(true);
    service.changed();
    timers.advance(10_000);
    await settled();
    expect(downloads.onDisk()).toHaveLength(0);
    expect((await service.status()).lastBackupAt).toBeNull();

    await add(vault, 'alice');
    await vault.lock();
    clock.now += 2 * HOUR;
    await service.runNow(false); // the alarm fires while locked
    service.changed();
    timers.advance(10_000);
    await settled();
    await service.catchUp();
    expect(downloads.onDisk()).toHaveLength(0);

    await vault.unlock('vault passphrase');
    await service.catchUp(); // what the background does after an unlock
    expect(downloads.onDisk()).toHaveLength(1);
    expect(await namesIn(downloads.onDisk()[0]!)).toEqual(['alice']);
    // Caught up: another unlock within the interval writes nothing more.
    await service.catchUp();
    expect(downloads.onDisk()).toHaveLength(1);
  });

  it('a failed download is reported in the status and the next run tries again', async () => {
    const { clock, vault, downloads, service } = await setup();
    await add(vault, 'alice');
    const real = downloads.download.bind(downloads);
    downloads.download = async () => {
      throw new Error('Invalid filename');
    };
    const failed = await service.configure({ enabled: true, password: PASSWORD, intervalHours: 1, keep: 3 });
    expect(failed.lastError).not.toBeNull();
    expect(downloads.onDisk()).toHaveLength(0);
    downloads.download = real;
    clock.now += HOUR;
    const ok = await service.runNow(false); // not marked as backed up: the same content is written now
    expect(ok.lastError).toBeNull();
    expect(downloads.onDisk()).toHaveLength(1);
  });
});
