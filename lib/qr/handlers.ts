import { AppError } from '@/lib/errors';
import { bindableSite } from '@/lib/autofill/site';
import type { SessionMap } from '@/lib/autofill/session-map';
import type { BackgroundDeps } from '@/lib/messaging/handlers';
import type { HandlersOf } from '@/lib/messaging/router';
import type { SenderContext } from '@/lib/messaging/sender';
import { planAdd, type AccountDraft } from '@/lib/otp/account';
import { generateCode, stepAt } from '@/lib/otp/codes';
import { correctedNow } from '@/lib/otp/corrected-clock';
import { decodeMigrationLink } from '@/lib/otp/migration';
import { parseOtpauthUri } from '@/lib/otp/uri';
import { mayFetchImage } from './fetch-policy';
import type { EnrolProtocol, FoundAccount, ScanReport } from './protocol';

/** Browser capabilities enrolment needs, given by entrypoints/background.ts. */
export interface EnrolDeps {
  injectScanner(tabId: number, frameId: number): Promise<void>;
  /** Fetches an image without credentials (a URL `mayFetchImage` allowed) and returns only its QR text. */
  qrTextOfUrl(url: string): Promise<string | null>;
  scanActiveTab(): Promise<ScanReport>;
  openUnlockWindow(): Promise<void>;
  /** Per account, the last time step whose code left for filling (shared with autofill: never the same code twice). */
  handedOutSteps?: SessionMap<number>;
}

const MAX_LINKS = 50;

function contentScript(sender: SenderContext) {
  if (sender.kind !== 'content-script') throw new AppError('forbidden', 'Only a page asks for this.');
  return sender;
}

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

export function createEnrolHandlers(deps: BackgroundDeps & EnrolDeps): HandlersOf<EnrolProtocol> {
  const { vault } = deps;
  const now = deps.now ?? Date.now;
  return {
    async 'enrol/scanMe'(_payload, sender) {
      const page = contentScript(sender);
      await deps.injectScanner(page.tabId, page.frameId);
      return null;
    },

    async 'enrol/decodeImageUrl'({ url }, sender) {
      const page = contentScript(sender);
      // Only what anyone could fetch (public HTTPS, no credentials): the answer tells the page nothing new.
      // There is no screenshot path: pixels on screen may belong to another site's frame or image.
      if (typeof url !== 'string' || !mayFetchImage(url, page.url)) return { text: null };
      return { text: await deps.qrTextOfUrl(url).catch(() => null) };
    },

    async 'enrol/add'({ links }, sender) {
      const page = contentScript(sender);
      // Only an HTTPS page (or plain HTTP on this computer, bound with its scheme) with a real origin:
      // a page on plain HTTP may have been rewritten on the way, so neither its QR nor its site is trusted.
      const place = bindableSite(page.url, page.origin);
      if ('refused' in place) {
        throw new AppError('forbidden', `Not added: ${place.refused}. If you trust this page, add the account by hand from the toolbar button.`);
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
      return { locked: false, added: added.map(found), duplicates: plan.duplicates.map((d) => found(d.account)), code };
    },

    async 'enrol/scanActiveTab'(_payload, sender) {
      if (sender.kind !== 'extension-page') throw new AppError('forbidden', 'Only the extension scans the active tab.');
      return deps.scanActiveTab();
    },
  };
}
