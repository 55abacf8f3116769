import { t } from '@/lib/i18n';
import { isolatedHost } from '@/lib/page/isolated-host';
import type { PageFindings } from './found';

/**
 * The in-page offer: a CLOSED shadow root on a host the page's CSS cannot restyle (inline
 * `all: initial !important`), so the page can neither read, restyle nor click it.
 */
const HOST_STYLE = 'position: fixed !important; top: 16px !important; right: 16px !important; z-index: 2147483647 !important; display: block !important;';

const CSS = `
  .offer { width: 320px; box-sizing: border-box; padding: 14px; background: #fff; color: #111; border: 1px solid #cbd5e1; border-radius: 12px; box-shadow: 0 10px 30px #0004; font: 14px/1.4 system-ui, sans-serif; display: grid; gap: 10px; }
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
  update(findings: PageFindings): void;
  showResult(text: string, isProblem?: boolean): void;
  remove(): void;
}

export function showOffer(findings: PageFindings, onAdd: (links: string[]) => void): OfferHandle {
  const { host, shadow } = isolatedHost('keyring-offer', HOST_STYLE, CSS);
  const box = document.createElement('div');
  box.className = 'offer';
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', t('offer_label'));
  shadow.append(box);
  let current = findings;
  let showingResult = false;
  // A modal <dialog> makes the rest of the page inert: the offer then lives inside the top dialog.
  const place = () => {
    const modals = Array.from(document.querySelectorAll('dialog[open]')).filter((d) => d.matches(':modal'));
    const parent = modals[modals.length - 1] ?? document.documentElement;
    if (host.parentNode !== parent) parent.append(host);
  };
  place();
  // A dialog opened or closed after the offer appeared moves it at once, before anyone clicks.
  const dialogs = new MutationObserver(place);
  dialogs.observe(document, { subtree: true, attributes: true, attributeFilter: ['open'] });

  const remove = () => {
    dialogs.disconnect();
    host.remove();
  };
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') remove();
  });

  const button = (label: string, primary: boolean, action: () => void) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.textContent = label;
    if (primary) element.className = 'primary';
    element.addEventListener('click', (event) => {
      // A page script cannot reach into a closed root; only a person's click counts anyway.
      if (event.isTrusted) action();
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
      p.textContent = problem;
      box.append(p);
    }
    if (current.missingBatches.length) {
      const p = document.createElement('p');
      p.textContent = t('offer_more_batches', current.missingBatches.join(', '));
      box.append(p);
    }
    const row = document.createElement('div');
    row.className = 'row';
    row.append(button(t('offer_dismiss'), false, remove));
    if (count) row.append(button(count === 1 ? t('offer_add') : t('offer_add_all', String(count)), true, () => onAdd(current.links)));
    box.append(row);
  };
  render();

  return {
    update(findings) {
      // Rescans keep the list current, but never replace a result the person is reading.
      const changed = findings.links.join('\n') !== current.links.join('\n') || findings.problems.join('\n') !== current.problems.join('\n');
      current = findings;
      place();
      if (changed && !showingResult) render();
    },
    showResult(text, isProblem = false) {
      showingResult = true;
      box.replaceChildren();
      const p = document.createElement('p');
      p.setAttribute('role', 'status');
      if (isProblem) p.className = 'problem';
      p.textContent = text;
      const row = document.createElement('div');
      row.className = 'row';
      row.append(button(isProblem ? t('offer_back') : t('close'), false, isProblem ? render : remove));
      box.append(p, row);
    },
    remove,
  };
}
