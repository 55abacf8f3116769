import { describe, expect, it } from 'vitest';
import { CodeStore } from '@/lib/popup/code-store';

const T = 1_700_000_010_000;
const totp = (id: string, validUntil: number, period = 30) => ({ id, code: `${id}-now`, nextCode: `${id}-next`, validUntil, period });

describe('CodeStore', () => {
  it('swaps in the prepared next code at the boundary and tells only that row', () => {
    const store = new CodeStore();
    store.setMany([totp('a', T), totp('b', T + 30_000, 60), { id: 'h', code: '123456', nextCode: null, validUntil: null, period: 0 }]);
    const told: string[] = [];
    for (const id of ['a', 'b', 'h']) store.subscribe(id, () => told.push(id));

    expect(store.nextBoundary()).toBe(T);
    expect(store.advance(T - 1)).toEqual([]);
    expect(store.advance(T)).toEqual(['a']);
    expect(told).toEqual(['a']);
    expect(store.get('a')).toEqual({ id: 'a', code: 'a-next', nextCode: null, validUntil: T + 30_000, period: 30 });
    expect(store.get('h')?.code).toBe('123456');
    expect(store.nextBoundary()).toBe(T + 30_000);
  });

  it('after sleeping several steps, blanks the code and moves to the current step instead of showing a stale one', () => {
    const store = new CodeStore();
    store.setMany([totp('a', T)]);
    expect(store.advance(T + 65_000)).toEqual(['a']);
    expect(store.get('a')).toMatchObject({ code: '', validUntil: T + 90_000 });
  });

  it('notifies on setMany only when something changed, and stops after unsubscribe', () => {
    const store = new CodeStore();
    let calls = 0;
    const unsubscribe = store.subscribe('a', () => calls++);
    store.setMany([totp('a', T)]);
    store.setMany([totp('a', T)]);
    expect(calls).toBe(1);
    unsubscribe();
    store.setMany([{ ...totp('a', T), code: 'other' }]);
    expect(calls).toBe(1);
  });

  it('forgets codes of accounts no longer listed', () => {
    const store = new CodeStore();
    store.setMany([totp('a', T), totp('b', T)]);
    store.retain(new Set(['b']));
    expect(store.get('a')).toBeUndefined();
    expect(store.get('b')).toBeDefined();
  });

  it('ticks 1,000 accounts with 20 mounted rows in well under 4 ms', () => {
    const store = new CodeStore();
    const views = Array.from({ length: 1000 }, (_, i) => totp(String(i), T));
    let renders = 0;
    for (let i = 0; i < 20; i++) store.subscribe(String(i), () => renders++);
    const times: number[] = [];
    for (let round = 0; round < 10; round++) {
      store.setMany(views.map((v) => ({ ...v, validUntil: T + round * 30_000 })));
      renders = 0;
      const started = performance.now();
      store.advance(T + round * 30_000);
      times.push(performance.now() - started);
      expect(renders).toBe(20);
    }
    times.sort((a, b) => a - b);
    expect(times[5]).toBeLessThan(4);
  });
});
