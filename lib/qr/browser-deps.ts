import { browser } from 'wxt/browser';
import { fetchSiteIcon } from '@/lib/icons/fetch-icon';
import type { EnrolDeps } from './handlers';
import { fetchPublicImage } from './fetch-image';
import { MAX_IMAGE_BYTES } from './fetch-policy';
import { qrTextOfBlob } from './image-pixels';
import type { ScannerGlobal, ScanReport } from './messages';
import type { ScanStatus } from './scan-status';

const SCANNER_FILE = '/scanner.js';

function whyUnreadable(url: string | undefined): ScanStatus {
  if (!url) return 'no_page';
  if (/^(chrome|edge|about|brave|opera|vivaldi):/i.test(url) || /chromewebstore\.google\.com|chrome\.google\.com\/webstore/.test(url)) return 'browser_page';
  if (/^(chrome|moz)-extension:/i.test(url)) return 'extension_page';
  if (/^file:/i.test(url)) return 'file_page';
  return 'page_unreadable';
}

export const enrolBrowserDeps: Omit<EnrolDeps, 'openUnlockWindow'> = {
  siteIcon: fetchSiteIcon,

  async injectScanner(tabId, frameId) {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [SCANNER_FILE] });
  },

  async qrTextOfUrl(url) {
    // Only URLs fetch-policy.ts allowed get here; fetched without the person's cookies (fetch-image.ts).
    const blob = await fetchPublicImage(url, MAX_IMAGE_BYTES);
    return blob ? qrTextOfBlob(blob) : null;
  },

  async scanActiveTab(): Promise<ScanReport> {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) return { found: 0, status: 'no_tab' };
    try {
      await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [SCANNER_FILE] });
      const results = await browser.scripting.executeScript({
        target: { tabId: tab.id, allFrames: true },
        func: () => (globalThis as ScannerGlobal).__keyringScanner?.scanNow() ?? null,
      });
      const reports = results.map((r) => r.result as ScanReport | null).filter((r): r is ScanReport => r !== null);
      const found = reports.reduce((n, r) => n + r.found, 0);
      if (found) return { found, status: 'offer_shown' };
      return reports.find((r) => r.status !== 'no_qr') ?? { found: 0, status: 'no_qr' };
    } catch {
      return { found: 0, status: whyUnreadable(tab.url) };
    }
  },
};
