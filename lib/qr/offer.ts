import { skippedEntryText, t } from '@/lib/i18n';
import { watchArea, type WatchedArea } from '@/lib/page/click-guard';
import { isolatedHost } from '@/lib/page/isolated-host';
import type { PageFindings } from './found';

/**
 * The in-page offer: a CLOSED shadow root on a host the page's CSS cannot restyle (inline
 * `all: initial !important`), so the page can neither read, restyle nor click it. Add counts only when
 * the offer was in plain view, on top and still (click-guard.ts); Dismiss and Escape always work, and
 * what was dismissed stays dismissed on this page.
 */
const HOST_STYLE = 'position: fixed !important; top: 16px !important; right: 16px !important; z-index: 2147483647 !important; display: block !important;';

const CSS = `
  .offer { width: min(320px, calc(100vw - 32px)); max-height: calc(100vh - 32px); overflow: auto; box-sizing: border-box; padding: 14px; background: #fff; color: #111; border: 1px solid #cbd5e1; border-radius: 12px; box-shadow: 0 10px 30px #0004; font: 14px/1.4 system-ui, sans-serif; display: grid; gap: 10px; }
  h2 { margin: 0; font-size: 15px; }
  ul { margin: 0; padding-left: 18px; max-height: 200px; overflow: auto; }
  .problem { color: #991b1b; }
  .row { display: flex; gap: 8px; justify-content: flex-end; }
  button { font: 600 13px system-ui, sans-serif; padding: 7px 12px; border-radius: 8px; border: 1px solid #cbd5e1; background: #f8fafc; color: #111; cursor: pointer; }
  button.primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
  button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
  @media (prefers-color-scheme: dark) {
    .offer { background: #1e293b; color: #f1f5f9; border-color: #334155; }
    button { background: #0f172a; color: #f1f5f9; border-color: #334155; }
    .problem { color: #fca5a5; }
  }
`;

export interface OfferHandle {
  /** The scanner's latest findings. Links the person dismissed stay dismissed; a new one brings the offer back. */
  update(findings: PageFindings): void;
  showResult(text: string, isProblem?: boolean): void;
  /** Dismisses the offer (as its Dismiss button and Escape do). */
  remove(): void;
}

/** The findings without what the person already dismissed on this page (problems by their key: link and code). */
function withoutDismissed(findings: PageFindings, links: ReadonlySet<string>, problems: ReadonlySet<string>): PageFindings {
  const kept = findings.links.filter((link) => !links.has(link));
  return {
    accounts: findings.accounts.filter((account) => !links.has(account.link)),
    problems: findings.problems.filter((problem) => !problems.has(problem.key)),
    links: kept,
    missingBatches: kept.length ? findings.missingBatches : [],
  };
}

const isEmpty = (findings: PageFindings) => findings.accounts.length === 0 && findings.problems.length === 0;
const sameFindings = (a: PageFindings, b: PageFindings) => a.links.join('\n') === b.links.join('\n') && a.problems.map((p) => p.key).join('\n') === b.problems.map((p) => p.key).join('\n');

export function showOffer(findings: PageFindings, onAdd: (links: string[]) => void): OfferHandle {
  const { host, shadow } = isolatedHost('keyring-offer', HOST_STYLE, CSS);
  const box = document.createElement('div');
  box.className = 'offer';
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', t('offer_label'));
  shadow.append(box);
  const dismissedLinks = new Set<string>();
  const dismissedProblems = new Set<string>();
  let current = findings;
  let showingResult = false;
  let shown = false;
  let watch: WatchedArea | null = null;

  // A modal <dialog> makes the rest of the page inert: the offer then lives inside the top dialog.
  const place = () => {
    const modals = Array.from(document.querySelectorAll('dialog[open]')).filter((d) => d.matches(':modal'));
    const parent = modals[modals.length - 1] ?? document.documentElement;
    if (host.parentNode !== parent) parent.append(host);
  };
  // A dialog opened or closed after the offer appeared moves it at once, before anyone clicks.
  const dialogs = new MutationObserver(place);
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && event.isTrusted) dismiss();
  };

  const attach = () => {
    shown = true;
    place();
    dialogs.observe(document, { subtree: true, attributes: true, attributeFilter: ['open'] });
    // Escape closes the offer wherever the focus is, as it would close any dialog.
    addEventListener('keydown', onKey, true);
    watch = watchArea(box, shadow);
  };
  const detach = () => {
    shown = false;
    dialogs.disconnect();
    removeEventListener('keydown', onKey, true);
    watch?.stop();
    watch = null;
    host.remove();
  };
  /** What is dismissed stays dismissed on this page: rescans do not bring it back. */
  const dismiss = () => {
    for (const link of current.links) dismissedLinks.add(link);
    for (const problem of current.problems) dismissedProblems.add(problem.key);
    if (shown) detach();
  };

  const button = (label: string, primary: boolean, action: () => void, guarded = false) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    if (primary) element.className = 'primary';
    if (guarded) watch?.guard(element);
    element.addEventListener('click', (event) => {
      // A page script cannot reach into a closed root; only a person's click counts anyway, and one
      // that adds only when the offer was in plain view, on top and still (click-guard.ts).
      if (!guarded) {
        if (event.isTrusted) action();
        return;
      }
      const refusal = watch ? watch.refusal(event) : 'unseen';
      if (refusal === null) action();
      else if (refusal !== 'untrusted') showResult(t('guard_offer_refused'), true);
    });
    return element;
  };

  const render = () => {
    showingResult = false;
    box.replaceChildren();
    const title = document.createElement('h2');
    const count = current.accounts.length;
    title.textContent = count ? (count === 1 ? t('offer_title_one') : t('offer_title_many', String(count))) : t('offer_cannot');
    box.append(title);
    if (count) {
      const list = document.createElement('ul');
      for (const account of current.accounts) {
        const item = document.createElement('li');
        item.textContent = [account.issuer, account.name].filter(Boolean).join(' — ') || t('offer_unnamed');
        list.append(item);
      }
      box.append(list);
    }
    for (const problem of current.problems) {
      const p = document.createElement('p');
      p.className = 'problem';
      p.textContent = skippedEntryText(problem);
      box.append(p);
    }
    if (current.missingBatches.length) {
      const p = document.createElement('p');
      p.textContent = t('offer_more_batches', current.missingBatches.map((b) => t('offer_batch_of', [String(b.index), String(b.size)])).join(', '));
      box.append(p);
    }
    const row = document.createElement('div');
    row.className = 'row';
    row.append(button(t('offer_dismiss'), false, dismiss));
    const links = current.links;
    if (count) row.append(button(count === 1 ? t('offer_add') : t('offer_add_all', String(count)), true, () => onAdd(links), true));
    box.append(row);
  };

  const showResult = (text: string, isProblem = false) => {
    showingResult = true;
    box.replaceChildren();
    const p = document.createElement('p');
    p.setAttribute('role', 'status');
    if (isProblem) p.className = 'problem';
    p.textContent = text;
    const row = document.createElement('div');
    row.className = 'row';
    row.append(button(isProblem ? t('offer_back') : t('close'), false, isProblem ? render : dismiss));
    box.append(p, row);
  };

  attach();
  render();

  return {
    update(findings) {
      const fresh = withoutDismissed(findings, dismissedLinks, dismissedProblems);
      if (!shown) {
        // Dismissed: only a QR code the person has not dismissed yet brings the offer back.
        if (isEmpty(fresh)) return;
        current = fresh;
        attach();
        render();
        return;
      }
      if (isEmpty(fresh)) return;
      // Rescans keep the list current, but never replace a result the person is reading.
      const changed = !sameFindings(fresh, current);
      current = fresh;
      place();
      if (changed && !showingResult) render();
    },
    showResult,
    remove: dismiss,
  };
}
