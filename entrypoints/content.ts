import { startAutofill } from '@/lib/autofill/controller';
import { startEnrolmentWatch } from '@/lib/qr/watch';

// Always injected, in every frame: must stay small and cheap. The QR decoder is injected separately
// (entrypoints/scanner.ts) only into frames that look like an enrolment page.
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main() {
    // A sandboxed frame (opaque origin) is nobody's site, whatever its address: nothing to fill or add.
    if (self.origin === 'null') return;
    const started = performance.now();
    startAutofill();
    startEnrolmentWatch();
    // The synchronous cost at load, for `npm run bench` (a timing only; the page sees nothing else).
    performance.measure('keyring:content-script', { start: started, end: performance.now() });
  },
});
