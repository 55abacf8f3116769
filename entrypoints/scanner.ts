import { startScanner } from '@/lib/qr/scanner';
import type { ScannerGlobal } from '@/lib/qr/messages';

// Injected on demand (never on every page): jsQR and the offer live here, not in the content script.
export default defineUnlistedScript(() => {
  const global = globalThis as ScannerGlobal;
  if (global.__keyringScanner) void global.__keyringScanner.scanNow();
  else global.__keyringScanner = startScanner();
});
