import type { Vault } from '@/lib/vault/vault';

/** The private value (sealed under the vault's master key) holding which account was chosen for which site. */
export const SITE_CHOICES = 'siteChoices';

export type SiteChoiceMap = Record<string, string>;

/** Choices read from an older version's storage.local, waiting (in memory only) for the next unlock to be sealed. */
export interface PendingChoices {
  take(): Promise<SiteChoiceMap | null>;
  put(choices: SiteChoiceMap): Promise<void>;
}

export interface SiteChoices {
  get(site: string): Promise<string | undefined>;
  set(site: string, id: string): Promise<void>;
}

/** Keeps only string → string entries (the old storage.local could hold anything a page wrote there). */
export function sanitizeChoices(raw: unknown): SiteChoiceMap {
  const out: SiteChoiceMap = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [site, id] of Object.entries(raw)) if (typeof id === 'string' && site.length <= 253 && id.length <= 64) out[site] = id;
  return out;
}

/**
 * Which account a person chose for a site with several: it names sites the person uses, so it is sealed
 * under the master key like the accounts (only read while unlocked, which is the only time it is needed).
 */
export function siteChoices(vault: Vault, pending?: PendingChoices): SiteChoices {
  const all = async (): Promise<SiteChoiceMap> => {
    const sealed = sanitizeChoices(await vault.loadPrivate(SITE_CHOICES));
    const migrated = await pending?.take();
    if (!migrated) return sealed;
    const merged = { ...migrated, ...sealed };
    await vault.savePrivate(SITE_CHOICES, merged);
    return merged;
  };
  return {
    async get(site) {
      return (await all())[site];
    },
    async set(site, id) {
      await vault.savePrivate(SITE_CHOICES, { ...(await all()), [site]: id });
    },
  };
}
