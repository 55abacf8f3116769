import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { request } from '@/lib/messaging/client';
import type { FixedSetting } from '@/lib/policy/policy';
import type { PolicyView } from '@/lib/policy/messages';

/**
 * The organisation's policy as the background applies it, asked again whenever the administrator changes
 * it (storage.onChanged, area 'managed'); `onChange` lets a page reload what the policy clamps (settings).
 */
export function usePolicy(onChange?: () => void): PolicyView | null {
  const [view, setView] = useState<PolicyView | null>(null);
  useEffect(() => {
    const load = () => void request('policy/get', null).then(setView, () => undefined);
    load();
    const listener = (_changes: unknown, area: string) => {
      if (area !== 'managed') return;
      load();
      onChange?.();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);
  return view;
}

export function isFixed(view: PolicyView | null, setting: FixedSetting): boolean {
  return view?.fixed.includes(setting) ?? false;
}
