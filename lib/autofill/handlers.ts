import { AppError } from '@/lib/errors';
import type { ContentScriptSender, HandlersOf } from '@/lib/messaging/types';
import type { BackgroundDeps } from '@/lib/vault/handlers';
import { iconSrc } from '@/lib/icons/icon';
import { keepSiteIcon } from '@/lib/icons/keep';
import type { Account, AccountIcon } from '@/lib/otp/account';
import { generateCode, stepAt, stepEndsAt } from '@/lib/otp/codes';
import { correctedNow } from '@/lib/otp/corrected-clock';
import type { AUTOFILL_SENDERS, AutofillProtocol, BindOption, FillDecision, FillOption } from './messages';
import { accountsForSite, fillableSite, siteOfUrl } from './site';
import { LANGUAGE_WORDS } from './words/languages';
import type { SessionMap } from './session-map';

/** A person pressed the key on a site no account is bound to: the background opened a window to choose one. */
export interface BindRequest {
  tabId: number;
  frameId: number;
  /** Taken from the browser's record of the sender, never from anything the page or the window says. */
  site: string;
  /** The page's origin (from the browser, like `site`): where its icon is asked for once an account is bound. */
  origin?: string;
  createdAt: number;
  windowId?: number;
}

/** Browser capabilities autofill needs, given by entrypoints/background.ts. */
export interface AutofillDeps {
  /** The account a person picked for a site, remembered (no secret: an id per site). */
  choices: { get(site: string): Promise<string | undefined>; set(site: string, id: string): Promise<void> };
  openUnlockWindow(): Promise<void>;
  activeTab(): Promise<{ id: number; url: string } | null>;
  /** Asks the tab's frames (one frame when `frameId` is given) to run their fill action; true when a frame filled. */
  triggerFill(tabId: number, preferredId: string, frameId?: number): Promise<boolean>;
  /** Opens the extension's binding window for a request; its window id. */
  openBindWindow(requestId: string): Promise<number | undefined>;
  /** Brings a window to the front; false when it is gone. */
  focusWindow(windowId: number): Promise<boolean>;
  /** Per account id, the last TOTP time step whose code was handed out for filling. */
  handedOutSteps: SessionMap<number>;
  /** Open binding requests, by id (the id is the only thing the binding window's address holds). */
  bindRequests: SessionMap<BindRequest>;
  sleep?(ms: number): Promise<void>;
  /** Runs the fill button's script (entrypoints/fill-ui.ts) in one frame of a tab; a second run changes nothing. */
  injectFillUi(tabId: number, frameId: number): Promise<void>;
  /** The site's icon from candidate URLs (lib/icons/fetch-icon.ts); absent in tests that do not need it. */
  siteIcon?(candidates: readonly string[], pageUrl: string): Promise<AccountIcon | null>;
}

/** With less than this left in a step, wait for the next code: the old one may expire in transit. */
export const FRESH_CODE_MS = 3000;
/** How long a binding window's request may be answered. */
export const BIND_REQUEST_MS = 10 * 60_000;

/** The label as the account names itself; empty for none (the UI then words it, in the person's language). */
const labelOf = (account: Account): FillOption => {
  const option: FillOption = { id: account.id, label: [account.issuer, account.name].filter(Boolean).join(' — ') };
  const src = account.icon && iconSrc(account.icon);
  return src ? { ...option, icon: src } : option;
};

export function createAutofillHandlers(deps: BackgroundDeps & AutofillDeps): HandlersOf<AutofillProtocol, typeof AUTOFILL_SENDERS> {
  const { vault } = deps;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  // One code decision at a time: "was this step handed out?" and "it is now" must not interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  /**
   * The one code that leaves the background: fresh enough to be typed, HOTP counter moved on, and never
   * a TOTP step already handed out (a site that accepted it refuses it again, RFC 6238 §5.2): then the
   * page is told how long until the next one.
   */
  const codeOf = (account: Account): Promise<FillDecision> =>
    oneAtATime(async () => {
      const settings = await deps.loadSettings();
      const clock = () => correctedNow(now(), settings);
      const { label } = labelOf(account);
      if (account.type === 'hotp') {
        const code = generateCode(account, clock());
        await vault.update(account.id, { counter: account.counter + 1 });
        return { kind: 'code', code, accountId: account.id, label };
      }
      const last = await deps.handedOutSteps.get(account.id);
      const at = clock();
      if (last !== undefined && stepAt(account, at) <= last) {
        return { kind: 'wait', accountId: account.id, label, retryInMs: (last + 1) * account.period * 1000 - at };
      }
      const remaining = stepEndsAt(account, at) - at;
      if (remaining < FRESH_CODE_MS) await sleep(remaining + 50);
      const sentAt = clock();
      await deps.handedOutSteps.set(account.id, stepAt(account, sentAt));
      return { kind: 'code', code: generateCode(account, sentAt), accountId: account.id, label };
    });

  /** The sender's site and the vault's accounts, or the decision that ends the request there. */
  const pageAndAccounts = async (page: ContentScriptSender): Promise<FillDecision | { site: string; bound: Account[] }> => {
    const place = fillableSite(page.url, page.topUrl, page.origin);
    if ('refused' in place) return { kind: 'none', reason: place.refused };
    if ((await vault.status()) !== 'unlocked') return { kind: 'locked' };
    const { accounts } = await vault.contents();
    return { site: place.site, bound: accountsForSite(accounts, place.site) };
  };

  /**
   * No account is bound to the page's site: the person chooses one in the extension's own window, which
   * names the site. The page's DOM never hosts that decision. A second press focuses the open window.
   */
  const askToBind = async (page: ContentScriptSender, site: string): Promise<FillDecision> => {
    const open = await deps.bindRequests.entries();
    for (const [id, request] of open) {
      if (now() - request.createdAt > BIND_REQUEST_MS) await deps.bindRequests.delete(id);
    }
    const same = open.find(([, r]) => r.tabId === page.tabId && r.frameId === page.frameId && r.site === site && now() - r.createdAt <= BIND_REQUEST_MS);
    if (same?.[1].windowId !== undefined && (await deps.focusWindow(same[1].windowId))) return { kind: 'binding' };
    const id = crypto.randomUUID();
    const request: BindRequest = { tabId: page.tabId, frameId: page.frameId, site, origin: page.origin, createdAt: now() };
    await deps.bindRequests.set(id, request);
    const windowId = await deps.openBindWindow(id);
    if (windowId !== undefined) await deps.bindRequests.set(id, { ...request, windowId });
    return { kind: 'binding' };
  };

  const decide = async (sender: ContentScriptSender, preferredId?: string, sent = false): Promise<FillDecision> => {
    const found = await pageAndAccounts(sender);
    if ('kind' in found) return found;
    const { site, bound } = found;
    if (bound.length > 0) {
      const preferred = bound.find((a) => a.id === preferredId);
      if (preferred) return codeOf(preferred);
      if (bound.length === 1 && bound[0]) return codeOf(bound[0]);
      const chosenId = await deps.choices.get(site);
      const chosen = bound.find((a) => a.id === chosenId);
      if (chosen) return codeOf(chosen);
      return { kind: 'choose', options: bound.map(labelOf) };
    }
    // A code the site e-mailed or texted is not an authenticator's: nothing to bind there.
    if (sent) return { kind: 'none', reason: 'sent_code_unbound', site };
    // A named account that is not bound here (a forged request, or the tab moved on): nothing, no window.
    if (preferredId !== undefined) return { kind: 'none', reason: 'account_not_bound', site };
    return askToBind(sender, site);
  };

  const openRequest = async (id: string): Promise<BindRequest> => {
    const request = typeof id === 'string' ? await deps.bindRequests.get(id) : undefined;
    if (!request || now() - request.createdAt > BIND_REQUEST_MS) {
      throw new AppError('request_expired', 'This request has expired: press the key button in the page again.');
    }
    return request;
  };

  return {
    async 'autofill/probe'(_payload, page) {
      const place = fillableSite(page.url, page.topUrl, page.origin);
      const settings = await deps.loadSettings();
      if ('refused' in place) return { fillable: false, locked: false, bound: 0, autoFill: false };
      if ((await vault.status()) !== 'unlocked') return { fillable: true, locked: true, bound: 0, autoFill: false };
      const { accounts } = await vault.contents();
      return { fillable: true, locked: false, bound: accountsForSite(accounts, place.site).length, autoFill: settings.autoFill };
    },

    async 'autofill/code'({ preferredId, sent }, sender) {
      return decide(sender, preferredId, sent === true);
    },

    async 'autofill/pick'({ id }, sender) {
      const found = await pageAndAccounts(sender);
      if ('kind' in found) return found;
      // Only an account already bound to the page's site: binding happens in the extension's window.
      const account = found.bound.find((a) => a.id === id);
      if (!account) return { kind: 'none', reason: 'account_not_for_site' };
      if (found.bound.length > 1) await deps.choices.set(found.site, account.id);
      return codeOf(account);
    },

    async 'autofill/openUnlock'() {
      await deps.openUnlockWindow();
      return null;
    },

    async 'autofill/words'() {
      return LANGUAGE_WORDS;
    },

    async 'autofill/loadUi'(_payload, page) {
      // Only into the asking frame itself (the browser's record of the sender): our own code, nothing of a secret.
      await deps.injectFillUi(page.tabId, page.frameId);
      return null;
    },

    async 'autofill/fillActiveTab'({ id }) {
      const tab = await deps.activeTab();
      if (!tab) return { filled: false };
      const place = fillableSite(tab.url, undefined);
      const site = 'site' in place ? place.site : siteOfUrl(tab.url);
      const account = await vault.get(id);
      // The same test as every fill: bound to the tab's site (accountsForSite).
      if (!site || accountsForSite([account], site).length === 0) return { filled: false };
      return { filled: await deps.triggerFill(tab.id, id) };
    },

    async 'autofill/bindRequest'({ request }) {
      const { site } = await openRequest(request);
      const { accounts } = await vault.contents();
      const options: BindOption[] = accounts.map((a) => ({ ...labelOf(a), sites: a.sites }));
      return { site, options };
    },

    async 'autofill/bind'({ request, id }) {
      const open = await openRequest(request);
      const account = await vault.get(id);
      if (accountsForSite([account], open.site).length === 0) await vault.update(id, { sites: [...account.sites, open.site] });
      await deps.bindRequests.delete(request);
      // Bound to a site and still a letter: keep that site's own icon (in the background; the fill goes first).
      if (!account.icon && open.origin && deps.siteIcon) void keepSiteIcon(vault, [id], deps.siteIcon([`${open.origin}/favicon.ico`], `${open.origin}/`));
      // The code goes to the frame the person pressed the key in; it asks again and the background decides.
      return { site: open.site, filled: await deps.triggerFill(open.tabId, id, open.frameId) };
    },
  };
}
