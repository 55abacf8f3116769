import { findCodeTargets } from '@/lib/autofill/find';
import { fillCode } from '@/lib/autofill/fill';
import { errorText, t } from '@/lib/i18n';
import { pageIconUrls } from '@/lib/icons/page-icons';
import { request } from '@/lib/messaging/client';
import { watchDom } from '@/lib/page/dom-watch';
import { timersFor } from '@/lib/page/lifetime';
import { watchViews } from '@/lib/page/views';
import { interpretQrTexts } from './found';
import { showOffer, type OfferHandle } from './offer';
import type { ScanReport } from './messages';
import { findCandidates, pictureKey, readCandidate, type ScanHelpers } from './scan-page';

const helpers: ScanHelpers = {
  decodeUrl: async (url) => (await request('enrol/decodeImageUrl', { url })).text,
};

/** A candidate's last reading: which picture it showed, what it said, how often it failed to read. */
interface Reading {
  key: string | null;
  text: string | null;
  failures: number;
}

const MAX_FAILURES = 3;

/**
 * The decoder, injected only into frames that look like a set-up page: reads every QR-like element,
 * offers what it found, and keeps watching for codes drawn later (dialogs, a page that draws its QR late).
 * It belongs to one page, or one view of a single-page app (lib/page/views.ts): when `signal` aborts or the
 * view ends, it removes all it attached (the offer too) and its `ended` signal aborts; the content script's
 * watch (watch.ts) asks for a new one if the next view looks like a set-up page.
 */
export function startScanner(signal: AbortSignal, stillConnected: () => boolean = () => true): { scanNow(): Promise<ScanReport>; ended: AbortSignal } {
  const life = new AbortController();
  signal.addEventListener('abort', () => life.abort(), { once: true, signal: life.signal });
  const ended = life.signal;
  const timers = timersFor(ended);
  const readings = new WeakMap<Element, Reading>();
  /** What is on screen now: the texts of this scan's elements only (a code shown before is gone). */
  let texts = new Map<Element, string>();
  let offer: OfferHandle | null = null;
  /** The links just added (the offer shows the result); null before any: a page with only problems is offered too. */
  let dismissedLinks: string | null = null;

  const accept = async (links: string[]) => {
    if (!offer) return;
    try {
      const result = await request('enrol/add', { links, icons: pageIconUrls(document) });
      if (!offer) return; // the page moved on to another view meanwhile
      if (result.locked) return offer.showResult(t('offer_locked'), true);
      const names = result.added.map((a) => a.issuer || a.name).join(', ');
      let message = result.added.length ? t('offer_added', names) : '';
      if (result.duplicates.length) message += ` ${t('offer_duplicates', result.duplicates.map((a) => a.issuer || a.name).join(', '))}`;
      // Enrolment is one click: the page's "enter the code" field gets the new account's code.
      const target = result.code ? findCodeTargets(document).find((t) => !t.verdict.sent) : undefined;
      if (target && result.code) {
        fillCode(target.inputs, result.code);
        message += ` ${t('offer_filled')}`;
      }
      dismissedLinks = links.join('\n');
      offer.showResult(message.trim());
    } catch (error) {
      offer.showResult(errorText(error), true);
    }
  };

  const scan = async (): Promise<ScanReport> => {
    const candidates = findCandidates();
    const current = new Map<Element, string>();
    for (const candidate of candidates) {
      const key = pictureKey(candidate);
      const last = readings.get(candidate.element);
      const samePicture = last !== undefined && last.key === key;
      // The same URL or markup read before says the same; a canvas may have been redrawn: read it again.
      let reading = samePicture && key !== null && last.text !== null ? last : null;
      if (!reading) {
        if (samePicture && last.text === null && last.failures >= MAX_FAILURES) continue;
        const text = await readCandidate(candidate, helpers).catch(() => null);
        if (ended.aborted) return { found: 0, status: 'no_qr' };
        reading = { key, text, failures: text === null ? (samePicture ? last.failures : 0) + 1 : 0 };
        readings.set(candidate.element, reading);
      }
      if (reading.text !== null) current.set(candidate.element, reading.text);
    }
    texts = current;
    const findings = interpretQrTexts([...texts.values()]);
    const hasSomething = findings.accounts.length > 0 || findings.problems.length > 0;
    if (hasSomething && findings.links.join('\n') !== dismissedLinks) {
      if (offer) offer.update(findings);
      else offer = showOffer(findings, (links) => void accept(links));
    }
    const found = findings.accounts.length;
    if (found) return { found, status: 'found' };
    // The report leaves the page: the problems without their key (it holds the link, and so the secret).
    if (findings.problems.length) return { found, status: 'problems', problems: findings.problems.map(({ position, issuer, name, error }) => ({ position, issuer, name, error })) };
    return { found, status: texts.size ? 'not_otp' : candidates.length ? 'unreadable_qr' : 'no_qr' };
  };

  let running: Promise<ScanReport> | null = null;
  const scanNow = () => (ended.aborted ? Promise.resolve<ScanReport>({ found: 0, status: 'no_qr' }) : (running ??= scan().finally(() => (running = null))));
  ended.addEventListener(
    'abort',
    () => {
      offer?.remove();
      offer = null;
    },
    { once: true },
  );
  // Another view of a single-page app: this page's offer and watchers go (seen at once through the Navigation API
  // or popstate, else at the next DOM change).
  let firstView = true;
  const views = watchViews(ended, () => (firstView ? (firstView = false) : life.abort()), stillConnected);
  void scanNow();
  watchDom(
    () => {
      views.check();
      void scanNow();
    },
    700,
    undefined,
    ended,
  ).observe(document);
  // Codes also appear without a DOM change (a <dialog> opened, a hidden panel shown, a canvas drawn):
  // look again after the person interacts, and every second for the first minute.
  for (const type of ['click', 'keyup', 'transitionend', 'animationend']) document.addEventListener(type, () => timers.setTimeout(() => void scanNow(), 300), { passive: true, capture: true, signal: ended });
  let ticks = 0;
  const stopTicks = timers.setInterval(() => {
    if (++ticks > 60) stopTicks();
    void scanNow();
  }, 1000);
  return { scanNow, ended };
}
