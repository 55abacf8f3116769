import { AppError } from '@/lib/errors';
import type { BackgroundDeps } from '@/lib/messaging/handlers';
import type { HandlersOf } from '@/lib/messaging/router';
import type { SenderContext } from '@/lib/messaging/sender';
import type { Account } from '@/lib/otp/account';
import { generateCode, stepEndsAt } from '@/lib/otp/codes';
import type { AutofillProtocol, FillDecision, FillOption } from './protocol';
import { accountsForSite, fillableSite, issuerCandidates, siteOfUrl } from './site';
import { LANGUAGE_WORDS } from './words/languages';

/** Browser capabilities autofill needs, given by entrypoints/background.ts. */
export interface AutofillDeps {
  /** The account a person picked for a site, remembered (no secret: an id per site). */
  choices: { get(site: string): Promise<string | undefined>; set(site: string, id: string): Promise<void> };
  openUnlockWindow(): Promise<void>;
  activeTab(): Promise<{ id: number; url: string } | null>;
  /** Asks every frame of the tab to run its fill action; true when a frame filled. */
  triggerFill(tabId: number, preferredId: string): Promise<boolean>;
  sleep?(ms: number): Promise<void>;
}

/** With less than this left in a step, wait for the next code: the old one may expire in transit. */
export const FRESH_CODE_MS = 3000;

const labelOf = (account: Account): FillOption => ({ id: account.id, label: [account.issuer, account.name].filter(Boolean).join(' — ') || 'Account' });

export function createAutofillHandlers(deps: BackgroundDeps & AutofillDeps): HandlersOf<AutofillProtocol> {
  const { vault } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const contentSender = (sender: SenderContext) => {
    if (sender.kind !== 'content-script') throw new AppError('forbidden', 'Only a page asks for its own code.');
    return sender;
  };

  /** The one code that leaves the background: fresh enough to be typed, HOTP counter moved on. */
  const codeOf = async (account: Account): Promise<FillDecision> => {
    const offset = (await deps.loadSettings()).clockOffsetSeconds * 1000;
    if (account.type === 'hotp') {
      const code = generateCode(account, now() + offset);
      await vault.update(account.id, { counter: account.counter + 1 });
      return { kind: 'code', code, accountId: account.id, label: labelOf(account).label };
    }
    const remaining = stepEndsAt(account, now() + offset) - (now() + offset);
    if (remaining < FRESH_CODE_MS) await sleep(remaining + 50);
    return { kind: 'code', code: generateCode(account, now() + offset), accountId: account.id, label: labelOf(account).label };
  };

  /** The sender's site and the vault's accounts, or the decision that ends the request there. */
  const pageAndAccounts = async (sender: SenderContext): Promise<FillDecision | { site: string; accounts: Account[]; bound: Account[] }> => {
    const page = contentSender(sender);
    const place = fillableSite(page.url, page.topUrl);
    if ('refused' in place) return { kind: 'none', reason: place.refused };
    if ((await vault.status()) !== 'unlocked') return { kind: 'locked' };
    const { accounts } = await vault.contents();
    return { site: place.site, accounts, bound: accountsForSite(accounts, place.site) };
  };

  const decide = async (sender: SenderContext, preferredId?: string, sent = false): Promise<FillDecision> => {
    const found = await pageAndAccounts(sender);
    if ('kind' in found) return found;
    const { site, accounts, bound } = found;
    const place = { site };
    if (bound.length > 0) {
      const preferred = bound.find((a) => a.id === preferredId);
      if (preferred) return codeOf(preferred);
      if (bound.length === 1 && bound[0]) return codeOf(bound[0]);
      const chosenId = await deps.choices.get(place.site);
      const chosen = bound.find((a) => a.id === chosenId);
      if (chosen) return codeOf(chosen);
      return { kind: 'choose', options: bound.map(labelOf) };
    }
    // A code the site e-mailed or texted is not an authenticator's: no guessing by issuer there.
    if (sent) return { kind: 'none', reason: `the page asks for a code sent by e-mail or SMS, and no account is bound to ${place.site}` };
    const candidates = issuerCandidates(accounts, place.site);
    if (candidates.length > 0) return { kind: 'confirm', site: place.site, options: candidates.map(labelOf) };
    return { kind: 'none', reason: `no account is bound to ${place.site}` };
  };

  return {
    async 'autofill/probe'(_payload, sender) {
      const page = contentSender(sender);
      const place = fillableSite(page.url, page.topUrl);
      const settings = await deps.loadSettings();
      if ('refused' in place) return { fillable: false, locked: false, accounts: 0, bound: 0, autoFill: false };
      if ((await vault.status()) !== 'unlocked') return { fillable: true, locked: true, accounts: 0, bound: 0, autoFill: false };
      const { accounts } = await vault.contents();
      const bound = accountsForSite(accounts, place.site).length;
      return { fillable: true, locked: false, accounts: bound || issuerCandidates(accounts, place.site).length, bound, autoFill: settings.autoFill };
    },

    async 'autofill/code'({ preferredId, sent }, sender) {
      return decide(sender, preferredId, sent === true);
    },

    async 'autofill/pick'({ id, bind }, sender) {
      const found = await pageAndAccounts(sender);
      if ('kind' in found) return found;
      const { accounts, bound } = found;
      const place = { site: found.site };
      let account = bound.find((a) => a.id === id);
      if (!account) {
        // Only an account the chooser offered may be bound here, and only when the person confirmed.
        account = issuerCandidates(accounts, place.site).find((a) => a.id === id);
        if (!account || !bind) return { kind: 'none', reason: 'that account does not belong to this site' };
        account = await vault.update(account.id, { sites: [...account.sites, place.site] });
      }
      if (bound.length > 1) await deps.choices.set(place.site, account.id);
      return codeOf(account);
    },

    async 'autofill/openUnlock'(_payload, sender) {
      contentSender(sender);
      await deps.openUnlockWindow();
      return null;
    },

    async 'autofill/words'(_payload, sender) {
      contentSender(sender);
      return LANGUAGE_WORDS;
    },

    async 'autofill/fillActiveTab'({ id }, sender) {
      if (sender.kind !== 'extension-page') throw new AppError('forbidden', 'Only the extension fills the active tab.');
      const tab = await deps.activeTab();
      if (!tab) return { filled: false };
      const site = siteOfUrl(tab.url);
      const account = await vault.get(id);
      // The same test as every fill: bound to the tab's site (accountsForSite).
      if (!site || accountsForSite([account], site).length === 0) return { filled: false };
      return { filled: await deps.triggerFill(tab.id, id) };
    },
  };
}
