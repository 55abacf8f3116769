import 'fake-indexeddb/auto';
import { openVaultDb, VaultStore } from '@/lib/vault/store';
import { Vault, type AttemptState, type AttemptStore, type SessionKeyStore } from '@/lib/vault/vault';

/** Cheap Argon2id parameters so unit tests stay fast; the default cost has its own test and bench row. */
export const TEST_COST = { memoryKiB: 1024, iterations: 1, parallelism: 1 };

export class MemorySession implements SessionKeyStore {
  raw: Uint8Array | null = null;
  async load() {
    return this.raw ? new Uint8Array(this.raw) : null;
  }
  async save(rawKey: Uint8Array) {
    this.raw = new Uint8Array(rawKey);
  }
  async clear() {
    this.raw = null;
  }
}

export class MemoryAttempts implements AttemptStore {
  state: AttemptState = { failures: 0, retryAt: 0 };
  async load() {
    return this.state;
  }
  async save(state: AttemptState) {
    this.state = state;
  }
}

let dbCounter = 0;

export async function makeVault(clock: { now: number } = { now: Date.now() }) {
  const store = new VaultStore(await openVaultDb(`test-vault-${++dbCounter}-${Math.random()}`));
  const session = new MemorySession();
  const attempts = new MemoryAttempts();
  const vault = new Vault(store, session, attempts, () => clock.now);
  /** A second Vault over the same storage: what a restarted service worker sees. */
  const restarted = () => new Vault(store, session, attempts, () => clock.now);
  return { vault, store, session, attempts, restarted, clock };
}
