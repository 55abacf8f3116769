import { vi } from 'vitest';
import type { AutofillProtocol, FillDecision } from '@/lib/autofill/messages';

type Listener = (message: unknown, sender: unknown, sendResponse: (answer: unknown) => void) => boolean;

/**
 * The background as a content script sees it (runtime.sendMessage / onMessage), for controller tests:
 * answers the probe and code requests with what a test sets, and records every request.
 */
export function fakeBackground(probe: AutofillProtocol['autofill/probe']['response']) {
  const state = {
    probe,
    decision: { kind: 'code', code: '123456', accountId: 'a1', label: 'Forge' } as FillDecision,
    requests: [] as { type: string; payload: unknown }[],
    listeners: [] as Listener[],
  };
  const browser = {
    runtime: {
      id: 'keyring-test',
      sendMessage: vi.fn(async ({ type, payload }: { type: string; payload: unknown }) => {
        state.requests.push({ type, payload });
        if (type === 'autofill/probe') return { ok: true, value: state.probe };
        if (type === 'autofill/code' || type === 'autofill/pick') return { ok: true, value: state.decision };
        // What the background's scripting.executeScript does: run entrypoints/fill-ui.ts in this world.
        if (type === 'autofill/loadUi') {
          const [{ attachFillButton }, { installFillUi }] = await Promise.all([import('@/lib/autofill/ui'), import('@/lib/autofill/ui-loader')]);
          installFillUi({ attachFillButton });
        }
        return { ok: true, value: null };
      }),
      onMessage: {
        addListener: (listener: Listener) => state.listeners.push(listener),
        removeListener: (listener: Listener) => state.listeners.splice(state.listeners.indexOf(listener) >>> 0, 1),
      },
    },
    i18n: { getMessage: (key: string) => key },
  };
  /** The keyboard shortcut / popup: what the background sends to the tab's frames. */
  const trigger = async (): Promise<{ handled: boolean; answer: unknown }> => {
    let answer: unknown;
    const replied = new Promise<void>((resolve) => {
      const handled = state.listeners.some((listener) =>
        listener({ type: 'autofill/trigger', payload: {} }, { id: 'keyring-test' }, (value) => {
          answer = value;
          resolve();
        }),
      );
      if (!handled) resolve();
    });
    await replied;
    return { handled: answer !== undefined, answer };
  };
  return { state, browser, trigger };
}

/** Lets the controller's DOM watcher (300 ms batches) and its requests run. */
export const settle = (ms = 450) => new Promise((resolve) => setTimeout(resolve, ms));
