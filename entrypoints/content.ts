import { startAutofill } from '@/lib/autofill/controller';
import { startEnrolmentWatch } from '@/lib/qr/watch';

// Always injected, in every frame: must stay small and cheap. The QR decoder is injected separately
// (entrypoints/scanner.ts) only into frames that look like an enrolment page. It leaves no trace a page
// can see where it shows nothing: no message, event, attribute or performance entry (WXT's start-up
// signal is removed by lib/page/quiet-context.ts).
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    // A sandboxed frame (opaque origin) is nobody's site, whatever its address: nothing to fill or add.
    if (self.origin === 'null') return;
    const started = performance.now();
    // Everything the features attach goes when WXT's context ends (the extension reloaded or updated); an
    // orphaned copy finds out at its next look (`isValid` aborts the context when the extension is gone).
    const stillConnected = () => ctx.isValid;
    startAutofill(ctx.signal, stillConnected);
    startEnrolmentWatch(ctx.signal, stillConnected);
    // The synchronous cost at load, for `npm run bench`, kept in the extension's isolated world (the
    // bench reads it there): a performance.measure() would be in the page's own timeline.
    (globalThis as { __keyringLoadCost?: number }).__keyringLoadCost = performance.now() - started;
  },
});
