import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import type { AccountView } from '@/lib/vault/messages';
import { Icon, type IconName } from './Icons';

/** What a row (and its menu) can do to its account; components/AccountList.tsx implements it. */
export interface RowActions {
  copy(account: AccountView): void;
  hotpNext(account: AccountView): void;
  togglePin(account: AccountView): void;
  move(account: AccountView, step: -1 | 1): void;
  edit(account: AccountView): void;
  dragStart(account: AccountView): void;
  drop(target: AccountView): void;
}

interface Item {
  icon: IconName;
  label: string;
  /** A keyboard shortcut that does the same from the row, shown beside the item. */
  keys?: string;
  run: () => void;
}

interface Props {
  account: AccountView;
  title: string;
  actions: RowActions;
  canMoveUp: boolean;
  canMoveDown: boolean;
}

/**
 * The row's less frequent actions (pin, move, edit) behind one button, as a WAI-ARIA menu: arrows
 * move between items, Escape and Tab close it, and focus goes back to the button. Drawn with fixed
 * position so the list's scroll area never clips it.
 */
export function RowMenu({ account, title, actions, canMoveUp, canMoveDown }: Props) {
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<{ top: number; right: number } | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const menuId = `menu-${account.id}`;

  const items: Item[] = [
    { icon: 'pin', label: account.pinned ? t('menu_unpin') : t('menu_pin'), run: () => actions.togglePin(account) },
    ...(canMoveUp ? [{ icon: 'up' as const, label: t('menu_move_up'), keys: t('keys_alt_up'), run: () => actions.move(account, -1) }] : []),
    ...(canMoveDown ? [{ icon: 'down' as const, label: t('menu_move_down'), keys: t('keys_alt_down'), run: () => actions.move(account, 1) }] : []),
    { icon: 'edit', label: t('menu_edit'), run: () => actions.edit(account) },
  ];

  const close = (refocus: boolean) => {
    setOpen(false);
    setPlace(null);
    if (refocus) trigger.current?.focus();
  };

  // Below the button, or above it when the popup has no room left underneath.
  useLayoutEffect(() => {
    if (!open) return;
    const button = trigger.current?.getBoundingClientRect();
    const list = menu.current;
    if (!button || !list) return;
    const height = list.offsetHeight;
    const below = button.bottom + 4;
    const top = below + height > window.innerHeight - 4 ? Math.max(4, button.top - 4 - height) : below;
    setPlace({ top, right: Math.max(4, document.documentElement.clientWidth - button.right) });
  }, [open]);
  // Once placed (a hidden menu cannot take the focus), the first item gets it.
  useLayoutEffect(() => {
    if (open && place) menu.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }, [open, place !== null]);

  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      const target = event.target as Node | null;
      if (target && (menu.current?.contains(target) || trigger.current?.contains(target))) return;
      close(false);
    };
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('scroll', outside, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      document.removeEventListener('scroll', outside, true);
    };
  }, [open]);

  const onMenuKey = (event: KeyboardEvent) => {
    // The list's own arrow keys move between rows: keep them out of the menu.
    event.stopPropagation();
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => entries[(i + entries.length) % entries.length]?.focus();
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(entries.length - 1);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') return close(true);
    else return;
    event.preventDefault();
  };

  return (
    <>
      <button ref={trigger} type="button" class="icon row-menu-button" aria-haspopup="menu" aria-expanded={open}
        aria-controls={open ? menuId : undefined} aria-label={t('menu_label', title)} title={t('menu_label', title)}
        onClick={() => (open ? close(true) : setOpen(true))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !e.altKey) { e.preventDefault(); e.stopPropagation(); setOpen(true); }
        }}>
        <Icon name="more" />
      </button>
      {open && (
        <ul ref={menu} id={menuId} role="menu" class="menu" aria-label={t('menu_label', title)} onKeyDown={onMenuKey}
          style={place ? { top: `${place.top}px`, right: `${place.right}px` } : { visibility: 'hidden' }}>
          {items.map((item) => (
            <li key={item.label} role="menuitem" tabIndex={-1} aria-keyshortcuts={item.keys ? item.keys.replace('↑', 'ArrowUp').replace('↓', 'ArrowDown') : undefined}
              onClick={() => { close(true); item.run(); }}
              onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); close(true); item.run(); } }}>
              <Icon name={item.icon} />
              <span class="menu-label">{item.label}</span>
              {item.keys && <kbd aria-hidden="true">{item.keys}</kbd>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
