import type { AccountIcon } from '@/lib/otp/account';

/** The part of the vault keeping an icon needs (lib/vault/vault.ts). */
interface IconVault {
  contents(): Promise<{ accounts: readonly { id: string; icon?: AccountIcon }[] }>;
  updateMany(changes: { id: string; patch: { icon: AccountIcon } }[]): Promise<unknown>;
}

/**
 * Gives the accounts `ids` the icon once it arrives, unless one has an icon already (imported, or kept
 * before) or is gone by then. An icon is decoration: any failure leaves the letter avatar, silently.
 */
export async function keepSiteIcon(vault: IconVault, ids: readonly string[], icon: Promise<AccountIcon | null>): Promise<void> {
  try {
    const found = await icon;
    if (!found) return;
    const { accounts } = await vault.contents();
    const wanted = new Set(ids);
    const changes = accounts.filter((a) => wanted.has(a.id) && !a.icon).map((a) => ({ id: a.id, patch: { icon: found } }));
    if (changes.length) await vault.updateMany(changes);
  } catch {
    // Locked meanwhile, or the icon could not be read: the account keeps its letter avatar.
  }
}
