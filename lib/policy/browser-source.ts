import { browser } from 'wxt/browser';
import { parsePolicy, type ManagedPolicy } from './policy';
import type { PolicySource } from './source';

/**
 * storage.managed, read afresh for every request (the browser answers from memory): a policy change applies
 * to the next request without a restart, and a page that saw storage.onChanged ('managed') and asks at once
 * never meets an older copy. `onChange` runs what must happen at once (auto-lock alarm, sync). Firefox rejects
 * the read when no policy names the extension ("Managed storage manifest not found"): no policy, not an error.
 */
export function managedPolicySource(onChange: (policy: ManagedPolicy) => void): PolicySource {
  const read = async (): Promise<ManagedPolicy> => {
    const managed = browser.storage.managed as typeof browser.storage.managed | undefined;
    const raw = await managed?.get().catch(() => ({}));
    return parsePolicy(raw ?? {});
  };
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void read().then(onChange);
  });
  return { current: read };
}
