import type { Page } from '@playwright/test';
import { launchWithExtension, type ExtensionBrowser } from '../../tests/e2e/support/browser';
import { startStaticServer, type StaticServer } from '../../tests/e2e/support/server';

/** The extension API as seen from an extension page inside `page.evaluate` (no @types/chrome here). */
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

/** One row of `npm run bench` and of bench-results.json. */
export interface BenchRow {
  name: string;
  median: number;
  unit: string;
  target: string;
  pass: boolean;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** A row whose target is "at most `limit`". */
export function atMost(name: string, samples: number[], limit: number, unit: string): BenchRow {
  const value = Math.round(median(samples) * 100) / 100;
  return { name, median: value, unit, target: `≤ ${limit} ${unit}`, pass: value <= limit };
}

export const BENCH_PASSPHRASE = 'bench passphrase for timing';

/** A running Chromium with the extension, a page of the extension to talk from, and the test HTTPS server. */
export interface BenchContext {
  browser: ExtensionBrowser;
  server: StaticServer;
  extensionPage: Page;
  /** Sends a protocol message from an extension page, as the popup does; throws on an error reply. */
  send<T = unknown>(type: string, payload: unknown): Promise<T>;
}

export async function withBenchBrowser<T>(siteDir: string, body: (context: BenchContext) => Promise<T>): Promise<T> {
  const server = await startStaticServer(siteDir);
  const browser = await launchWithExtension({ serverPort: server.port });
  try {
    const extensionPage = await browser.context.newPage();
    await extensionPage.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const send = async <R>(type: string, payload: unknown): Promise<R> => {
      const reply = await extensionPage.evaluate(
        ([t, p]) => chrome.runtime.sendMessage({ type: t, payload: p }) as Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>,
        [type, payload] as const,
      );
      if (!reply.ok) throw new Error(`${type}: ${reply.error?.message ?? 'failed'}`);
      return reply.value as R;
    };
    return await body({ browser, server, extensionPage, send });
  } finally {
    await browser.dispose();
    await server.close();
  }
}

/** Adds `count` distinct TOTP accounts through the protocol (each a real encrypted record). */
export async function addSyntheticAccounts(context: BenchContext, count: number): Promise<void> {
  await context.extensionPage.evaluate(async (n) => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    for (let i = 0; i < n; i++) {
      let secret = '';
      for (let j = 0; j < 32; j++) secret += alphabet[(i * 7 + j * 13 + ((i >> 5) * j)) % 32];
      const reply = (await chrome.runtime.sendMessage({
        type: 'accounts/add',
        payload: { uri: `otpauth://totp/Service%20${i}:user${i}%40example.com?secret=${secret}&issuer=Service%20${i}` },
      })) as { ok: boolean; error?: { message: string } };
      if (!reply.ok) throw new Error(reply.error?.message);
    }
  }, count);
}
