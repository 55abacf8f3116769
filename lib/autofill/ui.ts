import { t } from '@/lib/i18n';
import { isolatedHost } from '@/lib/page/isolated-host';
import type { FillOption } from './protocol';

/**
 * The fill button and the account chooser, in a CLOSED shadow root on a host the page cannot restyle
 * (inline `all: initial !important`): the page can neither read nor click into it.
 */
const HOST_STYLE = 'position: relative !important; display: inline-block !important; width: 0 !important; height: 0 !important; vertical-align: middle !important; z-index: 2147483647 !important;';

const CSS = `
  :host { all: initial; }
  button { font: 600 12px/1 system-ui, sans-serif; cursor: pointer; border-radius: 6px; }
  .fill { position: absolute; left: -30px; top: -12px; width: 24px; height: 24px; padding: 0; border: 1px solid #2563eb; background: #eff6ff; color: #1d4ed8; }
  .fill:focus-visible, .menu button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
  .menu { position: absolute; left: -260px; top: 16px; width: 250px; padding: 8px; background: #fff; color: #111; border: 1px solid #cbd5e1; border-radius: 8px; box-shadow: 0 6px 20px #0003; font: 13px/1.4 system-ui, sans-serif; display: grid; gap: 6px; }
  .menu p { margin: 0; }
  .menu button { padding: 6px 8px; border: 1px solid #cbd5e1; background: #f8fafc; color: #111; text-align: left; }
  .note { position: absolute; left: -260px; top: 16px; width: 250px; padding: 6px 8px; background: #fff7ed; color: #7c2d12; border: 1px solid #fdba74; border-radius: 8px; font: 12px/1.4 system-ui, sans-serif; }
`;

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
  button.textContent = '🔑';
  button.setAttribute('aria-label', t('fill_button_label'));
  button.title = t('fill_button_title');
  // Only a person's click counts: a page script cannot click into a closed root, but make sure.
  button.addEventListener('mousedown', (event) => event.preventDefault());
  button.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    if (event.isTrusted) onFill();
  });
  shadow.append(button);
  after.after(host);

  let panel: HTMLElement | null = null;
  let countdown: ReturnType<typeof setTimeout> | undefined;
  const closePanel = () => {
    panel?.remove();
    panel = null;
  };
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
      for (const option of options) {
        const choice = document.createElement('button');
        choice.type = 'button';
        choice.textContent = confirm ? t('fill_use', option.label) : option.label;
        choice.addEventListener('click', (event) => {
          event.preventDefault();
          if (!event.isTrusted) return;
          closePanel();
          onPick(option.id);
        });
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
      (panel.querySelector('button') as HTMLButtonElement | null)?.focus();
    },
    showNote(text) {
      closePanel();
      panel = document.createElement('div');
      panel.className = 'note';
      panel.setAttribute('role', 'status');
      panel.textContent = text;
      shadow.append(panel);
      setTimeout(closePanel, 4000);
    },
    showCountdown(ms, done) {
      clearTimeout(countdown);
      const endsAt = performance.now() + ms;
      const tick = () => {
        const left = endsAt - performance.now();
        if (left <= 0) {
          button.textContent = '🔑';
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
      host.remove();
    },
  };
}
