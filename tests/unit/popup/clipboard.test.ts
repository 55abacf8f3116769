import { describe, expect, it } from 'vitest';
import { CLIPBOARD_CLEAR_MS, createCodeClipboard } from '@/lib/popup/clipboard';
import { applyTheme } from '@/lib/popup/theme';

function fakeClipboard() {
  const writes: string[] = [];
  const timers = new Map<number, { run: () => void; ms: number }>();
  let nextId = 1;
  const clipboard = createCodeClipboard(
    async (text) => void writes.push(text),
    (run, ms) => {
      timers.set(nextId, { run, ms });
      return nextId++;
    },
    (handle) => timers.delete(handle as number),
  );
  const fireAll = () => {
    for (const [id, timer] of [...timers]) {
      timers.delete(id);
      timer.run();
    }
  };
  return { clipboard, writes, timers, fireAll };
}

describe('code clipboard', () => {
  it('clears the copied code after 30 s when asked', async () => {
    const { clipboard, writes, timers, fireAll } = fakeClipboard();
    await clipboard.copy('123456', true);
    expect([...timers.values()].map((t) => t.ms)).toEqual([CLIPBOARD_CLEAR_MS]);
    expect(CLIPBOARD_CLEAR_MS).toBe(30_000);
    fireAll();
    expect(writes).toEqual(['123456', '']);
  });

  it('leaves the clipboard alone when clearing is off', async () => {
    const { clipboard, writes, timers } = fakeClipboard();
    await clipboard.copy('123456', false);
    expect(timers.size).toBe(0);
    expect(writes).toEqual(['123456']);
  });

  it('a second copy cancels the first timer, so the newer code gets its own full 30 s', async () => {
    const { clipboard, writes, timers, fireAll } = fakeClipboard();
    await clipboard.copy('111111', true);
    await clipboard.copy('222222', true);
    expect(timers.size).toBe(1);
    fireAll();
    expect(writes).toEqual(['111111', '222222', '']);
  });
});

describe('applyTheme', () => {
  it('sets data-theme for light/dark and removes it for system', () => {
    const root = { dataset: {} as DOMStringMap };
    applyTheme(root, 'dark');
    expect(root.dataset.theme).toBe('dark');
    applyTheme(root, 'system');
    expect(root.dataset.theme).toBeUndefined();
  });
});
