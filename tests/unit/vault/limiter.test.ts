/**
 * Issue #10, finding 5: concurrent passphrase checks. Eight wrong unlocks sent at once used to read the same
 * "0 failures", all run, and all write "1 failure". Checks now run one at a time, each counted.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { openVaultDb, storedAttempts, VaultStore } from '@/lib/vault/store';
import { Vault } from '@/lib/vault/vault';
import { makeVault, MemorySession, TEST_COST } from './helpers';

const PASS = 'correct horse battery';

const codesOf = (results: PromiseSettledResult<unknown>[]) =>
  results.map((r) => (r.status === 'fulfilled' ? 'ok' : r.reason instanceof AppError ? r.reason.code : String(r.reason)));

describe('unlock limiter under concurrent checks', () => {
  it('eight wrong unlocks at once: three are checked and counted, the delay they set refuses the other five', async () => {
    const { vault, attempts } = await makeVault({ now: 1_000_000 });
    await vault.create(PASS, TEST_COST);
    await vault.lock();
    const codes = codesOf(await Promise.allSettled(Array.from({ length: 8 }, (_, i) => vault.unlock(`wrong passphrase ${i}`))));
    expect(codes).toEqual([...Array(3).fill('wrong_passphrase'), ...Array(5).fill('rate_limited')]);
    expect(attempts.state).toEqual({ failures: 3, retryAt: 1_000_000 + 1000 });
  });

  it('every one of eight concurrent wrong unlocks is counted when no delay is in the way', async () => {
    // Each reading of the clock is two minutes later than the last: longer than any delay.
    const clock = { value: 1_000_000 };
    const { vault, attempts } = await makeVault({
      get now() {
        return (clock.value += 120_000);
      },
    });
    await vault.create(PASS, TEST_COST);
    await vault.lock();
    const codes = codesOf(await Promise.allSettled(Array.from({ length: 8 }, (_, i) => vault.unlock(`wrong passphrase ${i}`))));
    expect(codes).toEqual(Array(8).fill('wrong_passphrase'));
    expect(attempts.state.failures).toBe(8);
  });

  it('Show QR, export and passphrase change at once share the one queue and the one count', async () => {
    const { vault, attempts } = await makeVault({ now: 5_000_000 });
    await vault.create(PASS, TEST_COST);
    const codes = codesOf(
      await Promise.allSettled([
        vault.verifyPassphrase('guess one!'),
        vault.changePassphrase('guess two!', 'new passphrase 123'),
        vault.verifyPassphrase('guess three'),
        vault.unlock('guess four!'),
        vault.verifyPassphrase(PASS),
      ]),
    );
    expect(codes).toEqual(['wrong_passphrase', 'wrong_passphrase', 'wrong_passphrase', 'rate_limited', 'rate_limited']);
    expect(attempts.state.failures).toBe(3);
  });

  it('a right passphrase among concurrent wrong ones resets the count only for the checks after it', async () => {
    const clock = { value: 1_000_000 };
    const { vault, attempts } = await makeVault({
      get now() {
        return (clock.value += 120_000);
      },
    });
    await vault.create(PASS, TEST_COST);
    await vault.lock();
    const codes = codesOf(await Promise.allSettled([vault.unlock('wrong one!'), vault.unlock('wrong two!'), vault.unlock(PASS), vault.unlock('wrong three')]));
    expect(codes).toEqual(['wrong_passphrase', 'wrong_passphrase', 'ok', 'wrong_passphrase']);
    expect(attempts.state.failures).toBe(1);
  });

  it('keeps its state in the vault database, where a restarted worker finds it', async () => {
    const store = new VaultStore(await openVaultDb(`limiter-${Math.random()}`));
    const session = new MemorySession();
    const now = () => 2_000_000;
    const vault = new Vault(store, session, storedAttempts(store), now);
    await vault.create(PASS, TEST_COST);
    await vault.lock();
    await Promise.allSettled(Array.from({ length: 4 }, () => vault.unlock('not it, no')));
    const restarted = new Vault(store, session, storedAttempts(store), now);
    expect(await restarted.unlockAttempts()).toEqual({ failures: 3, retryAt: 2_001_000 });
    await expect(restarted.unlock(PASS)).rejects.toMatchObject({ code: 'rate_limited' });
    // Garbage under the limiter's key is read as "no failures", never as a crash.
    await store.putState('unlockAttempts', { failures: 'x' });
    expect(await storedAttempts(store).load()).toEqual({ failures: 0, retryAt: 0 });
  });
});

describe('private values sealed under the master key', () => {
  it('round-trips while unlocked, refuses while locked, and stores no clear text', async () => {
    const { vault, store } = await makeVault();
    await vault.create(PASS, TEST_COST);
    await vault.savePrivate('siteChoices', { 'bank.example': 'id-1' });
    expect(await vault.loadPrivate('siteChoices')).toEqual({ 'bank.example': 'id-1' });
    const record = await store.getPrivate('siteChoices');
    expect(Buffer.from(record!.ciphertext).toString('latin1')).not.toContain('bank.example');
    await vault.lock();
    await expect(vault.loadPrivate('siteChoices')).rejects.toMatchObject({ code: 'vault_locked' });
    await vault.unlock(PASS);
    expect(await vault.loadPrivate('siteChoices')).toEqual({ 'bank.example': 'id-1' });
  });

  it('a value copied under another name does not open (the name is bound as additional data)', async () => {
    const { vault, store } = await makeVault();
    await vault.create(PASS, TEST_COST);
    await vault.savePrivate('a', { x: 1 });
    await store.putPrivate('b', (await store.getPrivate('a'))!);
    expect(await vault.loadPrivate('b')).toBeUndefined();
    expect(await vault.loadPrivate('missing')).toBeUndefined();
  });
});

describe('vault database upgrade', () => {
  it('a version 1 database (accounts only) gains the state and private stores and keeps its vault', async () => {
    const { openDB } = await import('idb');
    const name = `v1-${Math.random()}`;
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        db.createObjectStore('meta');
        db.createObjectStore('accounts', { keyPath: 'id' });
      },
    });
    await v1.put('meta', { formatVersion: 1, marker: 'kept' }, 'vault');
    await v1.put('accounts', { id: 'a1', iv: new Uint8Array(12), ciphertext: new Uint8Array(16), updatedAt: 1 });
    v1.close();
    const store = new VaultStore(await openVaultDb(name));
    expect(await store.getMeta()).toMatchObject({ marker: 'kept' });
    expect(await store.getAllRecords()).toHaveLength(1);
    await store.putState('settings', { theme: 'dark' });
    expect(await store.getState('settings')).toEqual({ theme: 'dark' });
    expect(await store.getPrivate('siteChoices')).toBeUndefined();
  });
});
