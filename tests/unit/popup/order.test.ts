import { describe, expect, it } from 'vitest';
import { moveByStep, moveTo, setPinned, sortForDisplay } from '@/lib/popup/order';

const list = (...specs: string[]) => specs.map((spec, order) => ({ id: spec.replace('*', ''), pinned: spec.endsWith('*'), order }));
const idsOf = (accounts: readonly { id: string }[]) => accounts.map((a) => a.id);

describe('sortForDisplay', () => {
  it('puts pinned accounts first, each group in its own order', () => {
    const accounts = [
      { id: 'c', pinned: false, order: 0 },
      { id: 'b', pinned: true, order: 5 },
      { id: 'a', pinned: true, order: 2 },
      { id: 'd', pinned: false, order: 1 },
    ];
    expect(idsOf(sortForDisplay(accounts))).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('moveByStep', () => {
  it('swaps with the neighbour and renumbers order to the display position', () => {
    const moved = moveByStep(list('a', 'b', 'c'), 'c', -1);
    expect(idsOf(moved)).toEqual(['a', 'c', 'b']);
    expect(moved.map((a) => a.order)).toEqual([0, 1, 2]);
    expect(idsOf(moveByStep(list('a', 'b', 'c'), 'a', 1))).toEqual(['b', 'a', 'c']);
  });

  it('does not move past either end or across the pinned boundary', () => {
    const accounts = list('p*', 'a', 'b');
    expect(moveByStep(accounts, 'p', -1)).toBe(accounts);
    expect(moveByStep(accounts, 'b', 1)).toBe(accounts);
    expect(moveByStep(accounts, 'a', -1)).toBe(accounts);
    expect(moveByStep(accounts, 'p', 1)).toBe(accounts);
    expect(moveByStep(accounts, 'missing', 1)).toBe(accounts);
  });
});

describe('moveTo (drag and drop)', () => {
  it('puts the dragged account at the target position, down or up', () => {
    expect(idsOf(moveTo(list('a', 'b', 'c', 'd'), 'a', 'c'))).toEqual(['b', 'c', 'a', 'd']);
    expect(idsOf(moveTo(list('a', 'b', 'c', 'd'), 'd', 'b'))).toEqual(['a', 'd', 'b', 'c']);
  });

  it('refuses a drop into the other group', () => {
    const accounts = list('p*', 'a', 'b');
    expect(moveTo(accounts, 'b', 'p')).toBe(accounts);
  });
});

describe('setPinned', () => {
  it('moves a pinned account above every unpinned one, and back by its order when unpinned', () => {
    const pinned = setPinned(list('a', 'b', 'c'), 'c', true);
    expect(idsOf(pinned)).toEqual(['c', 'a', 'b']);
    expect(pinned[0]?.pinned).toBe(true);
    expect(idsOf(setPinned(pinned, 'c', false))).toEqual(['a', 'b', 'c']);
  });
});
