// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchDom } from '@/lib/page/dom-watch';

afterEach(() => vi.useRealTimers());

/** Mutates the document every `everyMs` from now until `untilMs`, and records when `onChange` ran. */
async function run(everyMs: number, untilMs: number): Promise<number[]> {
  const calls: number[] = [];
  const start = performance.now();
  watchDom(() => calls.push(Math.round(performance.now() - start)), 300, 2000).observe(document.body);
  for (let t = 0; t < untilMs; t += everyMs) {
    document.body.append(document.createElement('span'));
    await vi.advanceTimersByTimeAsync(everyMs);
  }
  return calls;
}

describe('watchDom', () => {
  it('looks soon after a change on a quiet page, and less and less often on a page that never stops changing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const calls = await run(10, 12_000);
    const gaps = calls.slice(1).map((c, i) => c - calls[i]!);
    expect(calls[0]).toBeLessThanOrEqual(320); // the first look: the base interval
    expect(gaps.slice(0, 3)).toEqual([600, 1200, 2000].map((g) => expect.closeTo(g, -1.5)));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(2020); // never slower than the cap
    expect(calls.length).toBeLessThan(10); // 1,200 mutations, a handful of looks
  });

  it('goes back to the quick interval after a quiet spell', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const calls: number[] = [];
    watchDom(() => calls.push(performance.now()), 300, 2000).observe(document.body);
    for (let t = 0; t < 6000; t += 10) {
      document.body.append(document.createElement('i'));
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(10_000); // quiet
    const before = calls.length;
    const changedAt = performance.now();
    document.body.append(document.createElement('b'));
    await vi.advanceTimersByTimeAsync(400);
    expect(calls.length).toBe(before + 1);
    expect(calls.at(-1)! - changedAt).toBeLessThanOrEqual(320);
  });
});

describe('watchDom and the extension’s own hosts', () => {
  it('adding or removing a keyring-* host is not a change of the page', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const calls: number[] = [];
    watchDom(() => calls.push(performance.now()), 300, 2000).observe(document.body);
    const host = document.createElement('keyring-fill');
    document.body.append(host);
    await vi.advanceTimersByTimeAsync(400);
    host.remove();
    await vi.advanceTimersByTimeAsync(400);
    expect(calls).toEqual([]);
    document.body.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(400);
    expect(calls.length).toBe(1);
  });
});

describe('watchDom and its signal', () => {
  it('aborted: the observer is disconnected and the pending look cleared, so nothing runs and no timer is left', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    const controller = new AbortController();
    const calls: number[] = [];
    const watcher = watchDom(() => calls.push(performance.now()), 300, 2000, controller.signal);
    watcher.observe(document.body);
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(0); // the observer saw it: a look is pending
    const pending = vi.getTimerCount();
    expect(pending).toBeGreaterThan(0);
    disconnect.mockClear();
    controller.abort();
    expect(disconnect).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(pending - 1);
    await vi.advanceTimersByTimeAsync(1000);
    watcher.observe(document.body); // too late: observes nothing
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    disconnect.mockRestore();
  });

  it('ended from inside its own callback: it does not observe again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const controller = new AbortController();
    const calls: number[] = [];
    watchDom(() => {
      calls.push(performance.now());
      controller.abort();
    }, 300, 2000, controller.signal).observe(document.body);
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(400);
    document.body.append(document.createElement('p'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
