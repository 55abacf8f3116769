import { startAutofill } from '@/lib/autofill/controller';
import { startEnrolmentWatch } from '@/lib/qr/watch';

// Always injected, in every frame: must stay small and cheap. The QR decoder is injected separately
// (entrypoints/scanner.ts) only into frames that look like an enrolment page.
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main() {
    startAutofill();
    startEnrolmentWatch();
  },
});
