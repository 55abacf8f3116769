// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import type { FillUi } from '@/lib/autofill/ui-loader';

vi.mock('wxt/browser', () => ({ browser: { runtime: { sendMessage: vi.fn() } } }));
const { installFillUi } = await import('@/lib/autofill/ui-loader');
const global = globalThis as { __keyringFillUi?: FillUi };

describe('the injected fill UI lives as long as the content script’s context', () => {
  it('when that context ends, its global is taken away (a later injection installs afresh); another copy’s is left alone', () => {
    const lifetime = new AbortController();
    const ui = { attachFillButton: vi.fn() } as unknown as FillUi;
    installFillUi(ui, lifetime.signal);
    expect(global.__keyringFillUi).toBe(ui);
    lifetime.abort();
    expect(global.__keyringFillUi).toBeUndefined();
    const later = { attachFillButton: vi.fn() } as unknown as FillUi;
    installFillUi(later, new AbortController().signal);
    installFillUi(ui, AbortSignal.abort()); // a copy whose context already ended installs nothing
    expect(global.__keyringFillUi).toBe(later);
  });
});
