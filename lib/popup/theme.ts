import type { Theme } from '@/lib/settings/settings';

/** `system` leaves it to `prefers-color-scheme` (styles.css); light/dark override it. */
export function applyTheme(root: { dataset: DOMStringMap }, theme: Theme): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
