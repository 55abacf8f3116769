import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { makeDraft, type Account } from '@/lib/otp/account';
import { randomBytes } from '@/lib/vault/bytes';
import { importAesKey } from '@/lib/vault/crypto';
import { newKdfParams } from '@/lib/vault/kdf';
import { openDeviceFile, parseDeviceFile, sealDeviceFile, type ReplicaState } from '@/lib/sync/format';
import type { RecordVersion } from '@/lib/sync/merge';
import { devicesIn } from '@/lib/sync/webdav';
import { prng } from '../support/prng';


const device = { id: 'devA', name: 'Laptop' };

function account(i: number): Account {
  return { ...makeDraft({ secret: 'JBSWY3DPEHPK3PXP', issuer: `Site ${i}`, name: `user${i}@example.com` }), id: `id-${i}`, order: i, createdAt: 1 };
}

async function fixture() {
  const key = await importAesKey(randomBytes(32));
  const versions: RecordVersion[] = [
    { id: 'id-1', vv: { devA: 2 }, deleted: false, account: account(1), by: device },
    { id: 'id-2', vv: { devA: 1, devB: 1 }, deleted: true, account: null, by: { id: 'devB', name: 'Desktop' } },
  ];
  const state: ReplicaState = {
    vaultId: 'vault1',
    device,
    writtenAt: 1000,
    key: { kdf: newKdfParams(), wrappedKey: { iv: 'AAAAAAAAAAAAAAAA', ct: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, changedAt: 5 },
    versions,
  };
  const file = await sealDeviceFile(key, state);
  return { key, file, versions, text: JSON.stringify(file) };
}

async function read(key: CryptoKey, text: string) {
  return openDeviceFile(key, parseDeviceFile(text));
}

function codeOf(error: unknown): string {
  if (!(error instanceof AppError)) throw error;
  return error.code;
}

describe('sync remote format', () => {
  it('round-trips versions, tombstones included', async () => {
    const { key, text, versions } = await fixture();
    expect(await read(key, text)).toEqual(versions);
  });

  it('refuses with sync_tampered: a flipped ciphertext byte, a changed version vector, a moved record, a flipped tombstone flag, a renamed device', async () => {
    const { key, file } = await fixture();
    const cases: ((f: typeof file) => void)[] = [
      (f) => {
        const ct = atob(f.records[0]!.ct);
        f.records[0]!.ct = btoa(String.fromCharCode(ct.charCodeAt(0) ^ 1) + ct.slice(1));
      },
      (f) => (f.records[0]!.vv = { devA: 99 }),
      (f) => (f.records[0]!.id = 'id-9'),
      (f) => {
        f.records[1]!.id = 'id-1';
        f.records[0]!.id = 'id-2';
      },
      (f) => delete f.records[1]!.del,
      (f) => (f.device.name = 'Evil'),
      (f) => (f.key.changedAt = 6),
      (f) => (f.vaultId = 'vault2'),
    ];
    for (const change of cases) {
      const copy = structuredClone(file);
      change(copy);
      const error = await read(key, JSON.stringify(copy)).then(() => null, (e: unknown) => e);
      expect(codeOf(error)).toBe('sync_tampered');
    }
    const otherKey = await importAesKey(randomBytes(32));
    expect(codeOf(await read(otherKey, JSON.stringify(file)).catch((e: unknown) => e))).toBe('sync_tampered');
  });

  it('fuzz: 3,000 mutated files never throw anything but a sync error and never yield an altered or new version', async () => {
    const { key, text, versions } = await fixture();
    const random = prng(7);
    const weird: unknown[] = [null, true, -1, 0, 1e308, 1.5, '', 'x'.repeat(10_000), [], {}, [[[]]], '💥', { iv: 1 }];
    let accepted = 0;
    for (let n = 0; n < 3000; n++) {
      let mutated: string;
      if (n % 2 === 0) {
        const chars = [...text];
        const at = Math.floor(random() * chars.length);
        const kind = Math.floor(random() * 3);
        if (kind === 0) chars[at] = String.fromCharCode(32 + Math.floor(random() * 95));
        else if (kind === 1) chars.splice(at, 1 + Math.floor(random() * 20));
        else chars.splice(at, 0, String.fromCharCode(32 + Math.floor(random() * 95)));
        mutated = chars.join('');
      } else {
        const data = JSON.parse(text) as Record<string, unknown>;
        // Replace one value somewhere in the tree with a weird one.
        const paths: [Record<string, unknown> | unknown[], string | number][] = [];
        const walk = (node: unknown) => {
          if (typeof node !== 'object' || node === null) return;
          for (const k of Object.keys(node)) {
            paths.push([node as Record<string, unknown>, k]);
            walk((node as Record<string, unknown>)[k]);
          }
        };
        walk(data);
        const [parent, k] = paths[Math.floor(random() * paths.length)]!;
        (parent as Record<string, unknown>)[k] = weird[Math.floor(random() * weird.length)];
        mutated = JSON.stringify(data);
      }
      try {
        const opened = await read(key, mutated);
        // A harmless mutation (whitespace) changes nothing; a server may drop records (that deletes
        // nothing: only an authenticated tombstone deletes) but can never alter or add one.
        for (const v of opened) expect(versions).toContainEqual(v);
        accepted++;
      } catch (error) {
        expect(['sync_bad_remote', 'sync_tampered']).toContain(codeOf(error));
      }
    }
    expect(accepted).toBeLessThan(3000);
  });

  it('lists device files from PROPFIND answers of rclone and Apache (prefixes and escaping differ)', () => {
    const rclone = `<?xml version="1.0" encoding="UTF-8"?><D:multistatus xmlns:D="DAV:"><D:response><D:href>/keyring/devices/</D:href></D:response><D:response><D:href>/keyring/devices/abc123.json</D:href></D:response><D:response><D:href>/keyring/devices/notes.txt</D:href></D:response></D:multistatus>`;
    const apache = `<?xml version="1.0" encoding="utf-8"?><D:multistatus xmlns:D="DAV:" xmlns:ns0="DAV:"><D:response xmlns:lp1="DAV:"><D:href>/dav/keyring/devices/</D:href></D:response><D:response><D:href>http://127.0.0.1:8080/dav/keyring/devices/x_Y-9.json</D:href></D:response></D:multistatus>`;
    const nextcloud = `<d:multistatus xmlns:d="DAV:"><d:response><d:href>/remote.php/dav/files/me/my%20sync/keyring/devices/q1.json</d:href></d:response></d:multistatus>`;
    expect(devicesIn(rclone, '/keyring/devices/')).toEqual(['abc123.json']);
    expect(devicesIn(apache, '/dav/keyring/devices/')).toEqual(['x_Y-9.json']);
    expect(devicesIn(nextcloud, '/remote.php/dav/files/me/my%20sync/keyring/devices/')).toEqual(['q1.json']);
  });
});
