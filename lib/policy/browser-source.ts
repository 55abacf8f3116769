import { browser } from 'wxt/browser';
import { parsePolicy, type ManagedPolicy } from './policy';
import type { PolicySource } from './source';

/**
 * storage.managed, read once and again after every change (storage.onChanged, area 'managed'): a policy
 * change applies to the next request without a restart. Firefox rejects the read when no policy names the
 * extension ("Managed storage manifest not found"): that is no policy, not an error.
 */
export function managedPolicySource(onChange: (policy: ManagedPolicy) => void): PolicySource {
  const read = async (): Promise<ManagedPolicy> => {
    const managed = browser.storage.managed as typeof browser.storage.managed | undefined;
    const raw = await managed?.get().catch(() => ({}));
    return parsePolicy(raw ?? {});
  };
  let cached: Promise<ManagedPolicy> | null = null;
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'managed') return;
    cached = read();
    void cached.then(onChange);
  });
  return {
    current: () => (cached ??= read()),
  };
}
