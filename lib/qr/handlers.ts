import { AppError } from '@/lib/errors';
import { bindableSite } from '@/lib/autofill/site';
import type { SessionMap } from '@/lib/autofill/session-map';
import type { HandlersOf } from '@/lib/messaging/types';
import { planAdd, type AccountDraft, type AccountIcon } from '@/lib/otp/account';
import { keepSiteIcon } from '@/lib/icons/keep';
import { generateCode, stepAt } from '@/lib/otp/codes';
import { correctedNow } from '@/lib/otp/corrected-clock';
import { decodeMigrationLink } from '@/lib/otp/migration';
import { parseOtpauthUri } from '@/lib/otp/uri';
import type { BackgroundDeps } from '@/lib/vault/handlers';
import { mayFetchImage } from './fetch-policy';
import type { ENROL_SENDERS, EnrolProtocol, FoundAccount, ScanReport } from './messages';

/** Browser capabilities enrolment needs, given by entrypoints/background.ts. */
export interface EnrolDeps {
  injectScanner(tabId: number, frameId: number): Promise<void>;
  /** Fetches an image without credentials (a URL `mayFetchImage` allowed) and returns only its QR text. */
  qrTextOfUrl(url: string): Promise<string | null>;
  scanActiveTab(): Promise<ScanReport>;
  openUnlockWindow(): Promise<void>;
  /** Per account, the last time step whose code left for filling (shared with autofill: never the same code twice). */
  handedOutSteps?: SessionMap<number>;
  /** The site's icon from the page's candidate URLs (lib/icons/fetch-icon.ts); absent in tests that do not need it. */
  siteIcon?(candidates: readonly string[], pageUrl: string): Promise<AccountIcon | null>;
}

const MAX_LINKS = 50;

/** The accounts behind links the page's scanner found, parsed again here: the page is not trusted. */
export function draftsOfLinks(links: readonly string[]): AccountDraft[] {
  const drafts: AccountDraft[] = [];
  for (const link of links.slice(0, MAX_LINKS)) {
    if (/^otpauth-migration:/i.test(link)) drafts.push(...decodeMigrationLink(link).accounts);
    else drafts.push(parseOtpauthUri(link));
  }
  return drafts;
}

const found = (a: AccountDraft): FoundAccount => ({ issuer: a.issuer, name: a.name });

export function createEnrolHandlers(deps: BackgroundDeps & EnrolDeps): HandlersOf<EnrolProtocol, typeof ENROL_SENDERS> {
  const { vault } = deps;
  const now = deps.now ?? Date.now;
  return {
    async 'enrol/scanMe'(_payload, page) {
      await deps.injectScanner(page.tabId, page.frameId);
      return null;
    },

    async 'enrol/decodeImageUrl'({ url }, page) {
      // Only what anyone could fetch (public HTTPS, no credentials): the answer tells the page nothing new.
      // There is no screenshot path: pixels on screen may belong to another site's frame or image.
      if (typeof url !== 'string' || !mayFetchImage(url, page.url)) return { text: null };
      return { text: await deps.qrTextOfUrl(url).catch(() => null) };
    },

    async 'enrol/add'({ links, icons }, page) {
      // Only an HTTPS page (or plain HTTP on this computer, bound with its scheme) with a real origin:
      // a page on plain HTTP may have been rewritten on the way, so neither its QR nor its site is trusted.
      const place = bindableSite(page.url, page.origin);
      if ('refused' in place) {
        throw new AppError('enrol_refused', `Not added: ${place.refused}. If you trust this page, add the account by hand from the toolbar button.`, { reason: place.refused });
      }
      const drafts = draftsOfLinks(links).map((draft) => ({ ...draft, sites: [place.site] }));
      if ((await vault.status()) !== 'unlocked') {
        await deps.openUnlockWindow();
        return { locked: true, added: [], duplicates: [], code: null };
      }
      const { accounts } = await vault.contents();
      const plan = planAdd(accounts, drafts);
      const added = plan.add.length ? await vault.add(plan.add) : [];
      const at = correctedNow(now(), await deps.loadSettings());
      const first = added[0];
      // The one code that leaves the background: the new account's, for the page's confirmation field.
      const code = first && first.type !== 'hotp' ? generateCode(first, at) : null;
      if (first && code) await deps.handedOutSteps?.set(first.id, stepAt(first, at));
      // The site's icon follows in the background: the code above must not wait for another request.
      if (added.length && deps.siteIcon) void keepSiteIcon(vault, added.map((a) => a.id), deps.siteIcon(Array.isArray(icons) ? icons : [], page.url));
      return { locked: false, added: added.map(found), duplicates: plan.duplicates.map((d) => found(d.account)), code };
    },

    async 'enrol/scanActiveTab'() {
      return deps.scanActiveTab();
    },
  };
}
