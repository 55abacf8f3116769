import { t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { watchArea, type WatchedArea } from '@/lib/page/click-guard';
import { isolatedHost } from '@/lib/page/isolated-host';
import type { FillOption } from './messages';

/**
 * The fill button and the account chooser, in a CLOSED shadow root on a host the page cannot restyle
 * (inline `all: initial !important`): the page can neither read nor click into it. A click counts only
 * when the button or chooser was in plain view, on top and still (click-guard.ts); otherwise the element
 * says so and offers the extension's own window instead.
 */
const HOST_STYLE = 'position: relative !important; display: inline-block !important; width: 0 !important; height: 0 !important; vertical-align: middle !important; z-index: 2147483647 !important;';

const CSS = `
  :host { all: initial; }
  button { font: 600 12px/1 system-ui, sans-serif; cursor: pointer; border-radius: 6px; }
  .fill { position: absolute; left: -30px; top: -12px; box-sizing: border-box; width: 24px; height: 24px; padding: 0; border: 1px solid #2563eb; background: #eff6ff; color: #1d4ed8; display: grid; place-items: center; }
  .fill svg { width: 14px; height: 14px; display: block; }
  .fill:focus-visible, .menu button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
  .menu { position: absolute; left: -260px; top: 16px; width: 250px; padding: 8px; background: #fff; color: #111; border: 1px solid #cbd5e1; border-radius: 8px; box-shadow: 0 6px 20px #0003; font: 13px/1.4 system-ui, sans-serif; display: grid; gap: 6px; }
  .menu p { margin: 0; }
  .menu button { padding: 6px 8px; border: 1px solid #cbd5e1; background: #f8fafc; color: #111; text-align: left; }
  .menu button .account-icon { width: 20px; height: 20px; border-radius: 4px; vertical-align: middle; margin-inline-end: 8px; }
  .note { position: absolute; left: -260px; top: 16px; width: 250px; padding: 6px 8px; background: #fff7ed; color: #7c2d12; border: 1px solid #fdba74; border-radius: 8px; font: 12px/1.4 system-ui, sans-serif; display: grid; gap: 6px; }
  .note p { margin: 0; }
  .note button { padding: 4px 8px; border: 1px solid #fdba74; background: #fff; color: #7c2d12; justify-self: start; }
`;

const SVG = 'http://www.w3.org/2000/svg';

const svgElement = (tag: string, attributes: Record<string, string>) => {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
};

/** A key, drawn here: an emoji needs an emoji font, which many systems lack (an empty box then). */
function keyIcon(): Element {
  const svg = svgElement('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', fill: 'none', stroke: 'currentColor', 'stroke-width': '2.2', 'stroke-linecap': 'round' });
  svg.append(svgElement('circle', { cx: '7.5', cy: '16.5', r: '4.5' }), svgElement('path', { d: 'M10.8 13.2 20.5 3.5M16.5 7.5l3 3M14 10l2.2 2.2' }));
  return svg;
}

/** Keeps a panel of the host inside the viewport (a field near the page's left edge). */
function keepOnScreen(panel: HTMLElement): void {
  const box = panel.getBoundingClientRect();
  if (box.left < 8) panel.style.left = `${parseFloat(getComputedStyle(panel).left) + (8 - box.left)}px`;
}

export interface FillButtonHandle {
  host: HTMLElement;
  showChooser(options: FillOption[], confirm: boolean, site: string, onPick: (id: string) => void): void;
  showNote(text: string): void;
  /** The button counts down the seconds until the next code (label "Next code in N s"), then calls `done`. */
  showCountdown(ms: number, done: () => void): void;
  remove(): void;
}

export function attachFillButton(after: HTMLInputElement, onFill: () => void): FillButtonHandle {
  const { host, shadow } = isolatedHost('keyring-fill', HOST_STYLE, CSS);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'fill';
  button.append(keyIcon());
  button.setAttribute('aria-label', t('fill_button_label'));
  button.title = t('fill_button_title');
  button.addEventListener('mousedown', (event) => event.preventDefault());
  shadow.append(button);
  after.after(host);

  let panel: HTMLElement | null = null;
  let countdown: ReturnType<typeof setTimeout> | undefined;
  let noteTimer: ReturnType<typeof setTimeout> | undefined;
  let panelWatch: WatchedArea | null = null;
  const closePanel = () => {
    panelWatch?.stop();
    panelWatch = null;
    panel?.remove();
    panel = null;
  };

  /** Not acted on: the element says why, and the extension's own window can do it instead. */
  const refuse = () => {
    closePanel();
    panel = document.createElement('div');
    panel.className = 'note';
    panel.setAttribute('role', 'alert');
    const text = document.createElement('p');
    text.textContent = t('guard_fill_refused');
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = t('guard_open_extension');
    // Opening the extension's own window is harmless whoever clicks: the person decides there.
    open.addEventListener('click', () => {
      closePanel();
      void request('autofill/openUnlock', null).catch(() => undefined);
    });
    panel.append(text, open);
    shadow.append(panel);
    keepOnScreen(panel);
  };

  // Only a person's click on the visible button counts (a page script cannot click into a closed root).
  const buttonWatch = watchArea(button, shadow);
  buttonWatch.guard(button);
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    const refusal = buttonWatch.refusal(event);
    if (refusal === null) onFill();
    else if (refusal !== 'untrusted') refuse();
  });

  return {
    host,
    showChooser(options, confirm, site, onPick) {
      closePanel();
      panel = document.createElement('div');
      panel.className = 'menu';
      panel.setAttribute('role', 'dialog');
      panel.setAttribute('aria-label', confirm ? t('fill_confirm_label') : t('fill_choose_label'));
      const text = document.createElement('p');
      text.textContent = confirm ? t('fill_confirm', site) : t('fill_choose');
      panel.append(text);
      const choices: HTMLButtonElement[] = [];
      for (const option of options) {
        const choice = document.createElement('button');
        choice.type = 'button';
        const label = option.label || t('offer_unnamed');
        choice.textContent = confirm ? t('fill_use', label) : label;
        if (option.icon?.startsWith('data:image/')) {
          const icon = document.createElement('img');
          icon.src = option.icon;
          icon.alt = '';
          icon.className = 'account-icon';
          // A page whose policy forbids data: images still gets a readable chooser.
          icon.addEventListener('error', () => icon.remove(), { once: true });
          choice.prepend(icon);
        }
        choice.addEventListener('click', (event) => {
          event.preventDefault();
          const refusal = watch.refusal(event);
          if (refusal === null) {
            closePanel();
            onPick(option.id);
          } else if (refusal !== 'untrusted') refuse();
        });
        choices.push(choice);
        panel.append(choice);
      }
      const cancel = document.createElement('button');
      cancel.type = 'button';
      cancel.textContent = t('cancel');
      cancel.addEventListener('click', closePanel);
      panel.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') closePanel();
      });
      panel.append(cancel);
      shadow.append(panel);
      keepOnScreen(panel);
      // The chooser is a new element: its own clicks count once it has been in plain view a moment.
      const watch = watchArea(panel, shadow);
      panelWatch = watch;
      for (const choice of choices) watch.guard(choice);
      (panel.querySelector('button') as HTMLButtonElement | null)?.focus();
    },
    showNote(text) {
      closePanel();
      panel = document.createElement('div');
      panel.className = 'note';
      panel.setAttribute('role', 'status');
      panel.textContent = text;
      shadow.append(panel);
      keepOnScreen(panel);
      const shown = panel;
      clearTimeout(noteTimer);
      noteTimer = setTimeout(() => panel === shown && closePanel(), 4000);
    },
    showCountdown(ms, done) {
      clearTimeout(countdown);
      const endsAt = performance.now() + ms;
      const tick = () => {
        const left = endsAt - performance.now();
        if (left <= 0) {
          button.replaceChildren(keyIcon());
          button.setAttribute('aria-label', t('fill_button_label'));
          done();
          return;
        }
        const seconds = String(Math.ceil(left / 1000));
        button.textContent = seconds;
        button.setAttribute('aria-label', t('fill_wait', seconds));
        countdown = setTimeout(tick, Math.min(left, ((left - 1) % 1000) + 1));
      };
      tick();
    },
    remove() {
      clearTimeout(countdown);
      clearTimeout(noteTimer);
      closePanel();
      buttonWatch.stop();
      host.remove();
    },
  };
}
