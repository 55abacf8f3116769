import { startScanner } from '@/lib/qr/scanner';
import type { ScanReport } from '@/lib/qr/protocol';

// Injected on demand (never on every page): jsQR and the offer live here, not in the content script.
type ScannerGlobal = typeof globalThis & { __keyringScanner?: { scanNow(): Promise<ScanReport> } };

export default defineUnlistedScript(() => {
  const global = globalThis as ScannerGlobal;
  if (global.__keyringScanner) void global.__keyringScanner.scanNow();
  else global.__keyringScanner = startScanner();
});
