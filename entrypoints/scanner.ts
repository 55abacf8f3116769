import { injectedLifetime } from '@/lib/page/lifetime';
import { startScanner } from '@/lib/qr/scanner';
import type { ScannerGlobal } from '@/lib/qr/messages';

// Injected on demand (never on every page): jsQR and the offer live here, not in the content script.
export default defineUnlistedScript(() => {
  const global = globalThis as ScannerGlobal;
  if (global.__keyringScanner) {
    void global.__keyringScanner.scanNow();
    return;
  }
  // Torn down with the content script's context (lib/page/lifetime.ts) or the page's view; a later injection
  // (the next view's) starts afresh.
  const lifetime = injectedLifetime();
  if (lifetime.signal.aborted) return;
  const scanner = startScanner(lifetime.signal, lifetime.stillConnected);
  global.__keyringScanner = scanner;
  scanner.ended.addEventListener('abort', () => global.__keyringScanner === scanner && delete global.__keyringScanner, { once: true });
});
