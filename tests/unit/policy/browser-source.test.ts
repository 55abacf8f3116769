import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * storage.managed as the browser gives it: `get` answers the current policy, `onChanged` fires with area
 * 'managed' when the administrator's file changes (Chromium re-reads its policy folder on its own).
 */
const fake = vi.hoisted(() => {
  const listeners: ((changes: unknown, area: string) => void)[] = [];
  const state = { policy: {} as Record<string, unknown>, fails: false };
  return {
    state,
    listeners,
    browser: {
      storage: {
        managed: { get: async () => (state.fails ? Promise.reject(new Error('Managed storage manifest not found')) : { ...state.policy }) },
        onChanged: { addListener: (l: (changes: unknown, area: string) => void) => listeners.push(l) },
      },
    },
  };
});
vi.mock('wxt/browser', () => ({ browser: fake.browser }));

const { managedPolicySource } = await import('@/lib/policy/browser-source');

describe('managedPolicySource', () => {
  beforeEach(() => {
    fake.state.policy = {};
    fake.state.fails = false;
    fake.listeners.length = 0;
  });

  it('applies a changed policy without a restart and tells the background at once', async () => {
    const seen: unknown[] = [];
    const source = managedPolicySource((policy) => seen.push(policy));
    fake.state.policy = { maxAutoLockMinutes: 30 };
    expect(await source.current()).toEqual({ maxAutoLockMinutes: 30 });

    fake.state.policy = { maxAutoLockMinutes: 5, disableImport: true };
    for (const listener of fake.listeners) listener({ maxAutoLockMinutes: { oldValue: 30, newValue: 5 } }, 'managed');
    await vi.waitFor(() => expect(seen).toEqual([{ maxAutoLockMinutes: 5, disableImport: true }]));
    expect(await source.current()).toEqual({ maxAutoLockMinutes: 5, disableImport: true });
  });

  it('ignores changes of the other storage areas', async () => {
    const seen: unknown[] = [];
    managedPolicySource((policy) => seen.push(policy));
    for (const listener of fake.listeners) listener({}, 'local');
    for (const listener of fake.listeners) listener({}, 'session');
    await Promise.resolve();
    expect(seen).toEqual([]);
  });

  it('no policy at all (Firefox rejects the read) is an empty policy, not an error', async () => {
    fake.state.fails = true;
    expect(await managedPolicySource(() => undefined).current()).toEqual({});
  });

  it('drops invalid values rather than failing', async () => {
    fake.state.policy = { maxAutoLockMinutes: 'soon', disablePlainExport: true };
    expect(await managedPolicySource(() => undefined).current()).toEqual({ disablePlainExport: true });
  });
});
