import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { makeDraft } from '@/lib/otp/account';
import { deriveKeyBytes, newKdfParams, DEFAULT_KDF_COST } from '@/lib/vault/kdf';
import { retryDelayMs } from '@/lib/vault/vault';
import { makeVault, TEST_COST } from './helpers';

const PASS = 'correct horse battery';
const drafts = [
  makeDraft({ issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', sites: ['github.com'] }),
  makeDraft({ issuer: 'Clinic', name: 'bob@clinic.example', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA256', digits: 8 }),
  makeDraft({ issuer: 'Desk', name: 'carol', secret: 'MFRGGZDFMZTWQ2LK', type: 'hotp', counter: 7, notes: 'front desk', recoveryCodes: [{ code: 'abcd-1234', used: false }] }),
];

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('Vault', () => {
  it('starts uninitialized, is unlocked after create, and keeps accounts across lock/unlock', async () => {
    const { vault } = await makeVault();
    expect(await vault.status()).toBe('uninitialized');
    await vault.create(PASS, TEST_COST);
    expect(await vault.status()).toBe('unlocked');
    const added = await vault.add(drafts);
    await vault.lock();
    expect(await vault.status()).toBe('locked');
    await expectCode(vault.contents(), 'vault_locked');
    await vault.unlock(PASS);
    const { accounts, damaged } = await vault.contents();
    expect(damaged).toEqual([]);
    expect(accounts).toEqual(added);
    expect(accounts.map((a) => a.issuer)).toEqual(['GitHub', 'Clinic', 'Desk']);
  });

  it('refuses a passphrase shorter than 8 characters and a second vault', async () => {
    const { vault } = await makeVault();
    await expectCode(vault.create('short', TEST_COST), 'weak_passphrase');
    await vault.create(PASS, TEST_COST);
    await expectCode(vault.create(PASS, TEST_COST), 'vault_exists');
  });

  it('refuses a wrong passphrase with "Wrong passphrase" and changes nothing on disk', async () => {
    const { vault, store } = await makeVault();
    await vault.create(PASS, TEST_COST);
    await vault.add(drafts);
    await vault.lock();
    const metaBefore = await store.getMeta();
    const recordsBefore = await store.getAllRecords();
    const error = await expectCode(vault.unlock('wrong passphrase!'), 'wrong_passphrase');
    expect(error.message).toBe('Wrong passphrase.');
    expect(await vault.status()).toBe('locked');
    expect(await store.getMeta()).toEqual(metaBefore);
    expect(await store.getAllRecords()).toEqual(recordsBefore);
  });

  it('slows down repeated failures with a growing delay, and forgets them after a success', async () => {
    const clock = { now: 1_000_000 };
    const { vault, attempts } = await makeVault(clock);
    await vault.create(PASS, TEST_COST);
    await vault.lock();
    for (let i = 0; i < 3; i++) await expectCode(vault.unlock('nope nope nope'), 'wrong_passphrase');
    expect(attempts.state.failures).toBe(3);
    // Even the right passphrase waits now: the delay is the point.
    const limited = await expectCode(vault.unlock(PASS), 'rate_limited');
    expect(limited.message).toMatch(/Try again in 1 s/);
    clock.now += 1000;
    await expectCode(vault.unlock('nope nope nope'), 'wrong_passphrase');
    await expectCode(vault.unlock(PASS), 'rate_limited');
    clock.now += 2000;
    await vault.unlock(PASS);
    expect(attempts.state).toEqual({ failures: 0, retryAt: 0 });
    expect([0, 1, 2, 3, 4, 5, 20].map(retryDelayMs)).toEqual([0, 0, 0, 1000, 2000, 4000, 60_000]);
  });

  it('counts wrong passphrases given to Show QR, export and passphrase change toward the same delay', async () => {
    const clock = { now: 1_000_000 };
    const { vault, attempts } = await makeVault(clock);
    await vault.create(PASS, TEST_COST);
    await expectCode(vault.verifyPassphrase('guess one!'), 'wrong_passphrase');
    await expectCode(vault.changePassphrase('guess two!', 'new passphrase 123'), 'wrong_passphrase');
    await expectCode(vault.verifyPassphrase('guess three'), 'wrong_passphrase');
    expect(attempts.state.failures).toBe(3);
    await expectCode(vault.verifyPassphrase(PASS), 'rate_limited');
    clock.now += 1000;
    await vault.verifyPassphrase(PASS);
    expect(attempts.state.failures).toBe(0);
  });

  it('refuses a vault whose wrapped key has any flipped byte', async () => {
    const { vault, store } = await makeVault();
    await vault.create(PASS, TEST_COST);
    await vault.lock();
    const meta = (await store.getMeta())!;
    for (const field of ['ciphertext', 'iv'] as const) {
      for (let i = 0; i < meta.wrappedKey[field].length; i++) {
        const altered = structuredClone(meta);
        altered.wrappedKey[field][i]! ^= 0x80;
        await store.putMeta(altered);
        await expectCode(vault.unlock(PASS), 'wrong_passphrase');
        // Reset the growing delay so the loop measures tampering, not rate limiting.
        await vault['attempts'].save({ failures: 0, retryAt: 0 });
      }
    }
    await store.putMeta(meta);
    await vault.unlock(PASS);
  });

  it('names a record whose ciphertext was altered and still opens the others', async () => {
    const { vault, store } = await makeVault();
    await vault.create(PASS, TEST_COST);
    const added = await vault.add(drafts);
    const victim = added[1]!;
    const record = (await store.getRecord(victim.id))!;
    for (let i = 0; i < record.ciphertext.length; i += 7) {
      const altered = structuredClone(record);
      altered.ciphertext[i]! ^= 0x01;
      await store.writeRecords([altered]);
      await vault.lock();
      await vault.unlock(PASS);
      const { accounts, damaged } = await vault.contents();
      expect(damaged).toEqual([{ id: victim.id, updatedAt: record.updatedAt, reason: expect.stringMatching(/altered/) }]);
      expect(accounts.map((a) => a.id)).toEqual([added[0]!.id, added[2]!.id]);
    }
  });

  it('refuses a record moved under another id (the id is bound as additional data)', async () => {
    const { vault, store } = await makeVault();
    await vault.create(PASS, TEST_COST);
    const [a, b] = await vault.add(drafts.slice(0, 2));
    const recordA = (await store.getRecord(a!.id))!;
    await store.writeRecords([{ ...recordA, id: b!.id }]);
    await vault.lock();
    await vault.unlock(PASS);
    const { accounts, damaged } = await vault.contents();
    expect(damaged.map((d) => d.id)).toEqual([b!.id]);
    expect(accounts.map((x) => x.id)).toEqual([a!.id]);
  });

  it('changes the passphrase by re-wrapping only the master key, keeping every account', async () => {
    const { vault, store } = await makeVault();
    await vault.create(PASS, TEST_COST);
    const added = await vault.add(drafts);
    const recordsBefore = await store.getAllRecords();
    await expectCode(vault.changePassphrase('not the passphrase', 'new passphrase 2'), 'wrong_passphrase');
    await vault.changePassphrase(PASS, 'new passphrase 2');
    expect(await store.getAllRecords()).toEqual(recordsBefore);
    await vault.lock();
    await expectCode(vault.unlock(PASS), 'wrong_passphrase');
    await vault.unlock('new passphrase 2');
    expect((await vault.contents()).accounts).toEqual(added);
  });

  it('stays unlocked for a restarted service worker through the session key, and not after lock', async () => {
    const { vault, restarted, session } = await makeVault();
    await vault.create(PASS, TEST_COST);
    const added = await vault.add(drafts);
    const second = restarted();
    expect(await second.status()).toBe('unlocked');
    expect((await second.contents()).accounts).toEqual(added);
    await second.lock();
    expect(session.raw).toBeNull();
    expect(await restarted().status()).toBe('locked');
  });

  it('updates, reorders, removes and restores accounts', async () => {
    const { vault } = await makeVault();
    await vault.create(PASS, TEST_COST);
    const [a, b, c] = await vault.add(drafts);
    await vault.update(b!.id, { pinned: true, notes: 'pinned' });
    await vault.updateMany([{ id: a!.id, patch: { order: 5 } }, { id: c!.id, patch: { order: 1 } }]);
    expect((await vault.contents()).accounts.map((x) => x.issuer)).toEqual(['Clinic', 'Desk', 'GitHub']);
    const removed = await vault.remove([c!.id]);
    expect((await vault.contents()).accounts.map((x) => x.issuer)).toEqual(['Clinic', 'GitHub']);
    await vault.restore(removed);
    await vault.lock();
    await vault.unlock(PASS);
    expect((await vault.contents()).accounts.map((x) => x.issuer)).toEqual(['Clinic', 'Desk', 'GitHub']);
    await expectCode(vault.update('missing', { notes: 'x' }), 'not_found');
  });

  it('stores no account field in clear', async () => {
    const { vault, store } = await makeVault();
    await vault.create(PASS, TEST_COST);
    await vault.add(drafts);
    const dump = JSON.stringify(await store.getAllRecords(), (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v));
    for (const needle of ['JBSWY3DPEHPK3PXP', 'GitHub', 'alice', 'github.com', 'front desk', 'abcd-1234']) {
      expect(dump).not.toContain(needle);
    }
  });

  it('derives a 32-byte Argon2id key at the default cost (64 MiB, t=3, p=4), salt-dependent', async () => {
    const params = newKdfParams(DEFAULT_KDF_COST);
    expect(params).toMatchObject({ name: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });
    expect(Buffer.from(params.salt, 'base64')).toHaveLength(16);
    const a = await deriveKeyBytes('passphrase', params);
    expect(a).toHaveLength(32);
    expect(await deriveKeyBytes('passphrase', params)).toEqual(a);
    expect(await deriveKeyBytes('passphrase', newKdfParams(DEFAULT_KDF_COST))).not.toEqual(a);
  });

  it('derives the same key as the reference argon2 implementation', async () => {
    // Expected value from the reference C implementation (Debian `argon2`):
    // echo -n password | argon2 somesalt -id -t 2 -m 6 -p 1 -l 32 -r
    const key = await deriveKeyBytes('password', { name: 'argon2id', memoryKiB: 64, iterations: 2, parallelism: 1, salt: Buffer.from('somesalt').toString('base64') });
    expect(Buffer.from(key).toString('hex')).toBe('16a1a498734609dd01456da406de9f3d9da93e6c86c300a12fc1465214ce4922');
  });
});
