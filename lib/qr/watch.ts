import { request } from '@/lib/messaging/client';
import { watchDom } from '@/lib/page/dom-watch';
import { pageMayShowEnrolmentQr } from './probe';

/**
 * Content-script side of enrolment: a cheap look now and when the page changes; the first time the page
 * looks like a set-up page, ask the background to inject the decoder (entrypoints/scanner.ts) here.
 */
export function startEnrolmentWatch(): void {
  let asked = false;
  const check = () => {
    if (asked || !pageMayShowEnrolmentQr(document)) return;
    asked = true;
    void request('enrol/scanMe', null).catch(() => undefined);
  };
  check();
  if (!asked) watchDom(check, 700).observe(document);
}
