import { describe, expect, it } from 'vitest';
import { keepSiteIcon } from '@/lib/icons/keep';
import type { AccountIcon } from '@/lib/otp/account';

const ICON: AccountIcon = { kind: 'image', mime: 'image/png', data: 'iVBORw0KGgo=' };
const OTHER: AccountIcon = { kind: 'label', text: 'AB', color: 'Red' };

function fakeVault(accounts: { id: string; icon?: AccountIcon }[], failing = false) {
  return {
    accounts,
    async contents() {
      if (failing) throw new Error('locked');
      return { accounts: this.accounts };
    },
    async updateMany(changes: { id: string; patch: { icon: AccountIcon } }[]) {
      for (const { id, patch } of changes) this.accounts = this.accounts.map((a) => (a.id === id ? { ...a, ...patch } : a));
    },
  };
}

describe('keepSiteIcon', () => {
  it('gives the icon to the named accounts that have none, never replacing one they have', async () => {
    const vault = fakeVault([{ id: 'a' }, { id: 'b', icon: OTHER }, { id: 'c' }]);
    await keepSiteIcon(vault, ['a', 'b', 'gone'], Promise.resolve(ICON));
    expect(vault.accounts).toEqual([{ id: 'a', icon: ICON }, { id: 'b', icon: OTHER }, { id: 'c' }]);
  });

  it('changes nothing when no icon came, the fetch failed or the vault locked meanwhile', async () => {
    const vault = fakeVault([{ id: 'a' }]);
    await keepSiteIcon(vault, ['a'], Promise.resolve(null));
    await keepSiteIcon(vault, ['a'], Promise.reject(new Error('network')));
    expect(vault.accounts).toEqual([{ id: 'a' }]);
    await expect(keepSiteIcon(fakeVault([{ id: 'a' }], true), ['a'], Promise.resolve(ICON))).resolves.toBeUndefined();
  });
});
