import type { AccountView } from '@/lib/vault/messages';

type Orderable = Pick<AccountView, 'id' | 'pinned' | 'order'>;

/** Display order: pinned accounts first, then the person's own order within each group. */
export function sortForDisplay<T extends Orderable>(accounts: readonly T[]): T[] {
  return [...accounts].sort((a, b) => (a.pinned === b.pinned ? a.order - b.order : a.pinned ? -1 : 1));
}

/**
 * Moves an account one place up (-1) or down (+1) within its group (pinned or not); pinning decides
 * the group, so moving never crosses it. Returns the new list, or the same list if it cannot move.
 */
export function moveByStep<T extends Orderable>(accounts: readonly T[], id: string, step: -1 | 1): readonly T[] {
  const from = accounts.findIndex((a) => a.id === id);
  const to = from + step;
  const moving = accounts[from];
  const other = accounts[to];
  if (!moving || !other || other.pinned !== moving.pinned) return accounts;
  const next = [...accounts];
  next[from] = other;
  next[to] = moving;
  return renumber(next);
}

/** Drag and drop: puts `id` where `targetId` is, within the same group; otherwise no change. */
export function moveTo<T extends Orderable>(accounts: readonly T[], id: string, targetId: string): readonly T[] {
  const from = accounts.findIndex((a) => a.id === id);
  const to = accounts.findIndex((a) => a.id === targetId);
  const moving = accounts[from];
  const target = accounts[to];
  if (!moving || !target || from === to || target.pinned !== moving.pinned) return accounts;
  const next = [...accounts];
  next.splice(from, 1);
  next.splice(to, 0, moving);
  return renumber(next);
}

/** Pins or unpins, then re-sorts: the account joins its new group at the place its `order` gives it. */
export function setPinned<T extends Orderable>(accounts: readonly T[], id: string, pinned: boolean): T[] {
  return sortForDisplay(accounts.map((a) => (a.id === id ? { ...a, pinned } : a)));
}

/** `order` follows the display position, which is what `accounts/reorder` stores. */
function renumber<T extends Orderable>(accounts: T[]): T[] {
  return accounts.map((a, order) => (a.order === order ? a : { ...a, order }));
}
