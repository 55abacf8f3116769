// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';

// The background as the loader sees it: the first request fails (the frame was navigating, say), later ones
// do what scripting.executeScript does, run entrypoints/fill-ui.ts in this world.
const sent: string[] = [];
let failNext = true;
const browser = {
  runtime: {
    sendMessage: vi.fn(async ({ type }: { type: string }) => {
      sent.push(type);
      if (failNext) {
        failNext = false;
        return { ok: false, error: { code: 'internal' } };
      }
      const [{ attachFillButton }, { installFillUi }] = await Promise.all([import('@/lib/autofill/ui'), import('@/lib/autofill/ui-loader')]);
      installFillUi({ attachFillButton });
      return { ok: true, value: null };
    }),
  },
  i18n: { getMessage: (key: string) => key },
};
vi.mock('wxt/browser', () => ({ browser }));

describe('the fill button’s script, loaded on demand', () => {
  it('asks again after a failure, then once only, however many callers wait', async () => {
    const { loadFillUi } = await import('@/lib/autofill/ui-loader');
    await expect(loadFillUi()).rejects.toMatchObject({ code: 'internal' });
    const [first, second] = await Promise.all([loadFillUi(), loadFillUi()]);
    expect(first).toBe(second);
    expect(typeof first.attachFillButton).toBe('function');
    expect(await loadFillUi()).toBe(first);
    expect(sent).toEqual(['autofill/loadUi', 'autofill/loadUi']);
  });
});
