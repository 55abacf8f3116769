import { browser } from 'wxt/browser';
import type { EnrolDeps } from './handlers';
import { qrTextOfBlob } from './image-pixels';
import type { ScanReport } from './protocol';

const SCANNER_FILE = '/scanner.js';
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** captureVisibleTab allows about two calls a second: one shot serves every box asked for meanwhile. */
let lastShot: { tabId: number; at: number; blob: Promise<Blob> } | null = null;

async function visibleTabImage(tabId: number): Promise<Blob> {
  if (lastShot && lastShot.tabId === tabId && Date.now() - lastShot.at < 800) return lastShot.blob;
  const tab = await browser.tabs.get(tabId);
  const blob = browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' }).then(async (url) => (await fetch(url)).blob());
  lastShot = { tabId, at: Date.now(), blob };
  return blob;
}

function whyUnreadable(url: string | undefined): string {
  if (!url) return 'This tab has no page to read.';
  if (/^(chrome|edge|about|brave|opera|vivaldi):/i.test(url) || /chromewebstore\.google\.com|chrome\.google\.com\/webstore/.test(url)) {
    return 'The browser’s own pages and the extension store cannot be read by extensions.';
  }
  if (/^(chrome|moz)-extension:/i.test(url)) return 'Pages of extensions cannot be read by other extensions.';
  if (/^file:/i.test(url)) return 'Local files can be read only when “Allow access to file URLs” is on for this extension.';
  return 'This page could not be read.';
}

export const enrolBrowserDeps: Omit<EnrolDeps, 'openUnlockWindow'> = {
  async injectScanner(tabId, frameId) {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [SCANNER_FILE] });
  },

  async qrTextOfUrl(url) {
    const response = await fetch(url, { credentials: 'omit', redirect: 'follow' });
    if (!response.ok) return null;
    const type = response.headers.get('content-type') ?? '';
    if (type && !type.startsWith('image/') && type !== 'application/octet-stream') return null;
    const blob = await response.blob();
    return blob.size > MAX_IMAGE_BYTES ? null : qrTextOfBlob(blob);
  },

  async qrTextOfScreenRegion(tabId, box, viewportWidth) {
    // The screenshot's pixels per CSS pixel (device pixel ratio × zoom), read off the image itself.
    const image = await visibleTabImage(tabId);
    const bitmap = await createImageBitmap(image);
    const scale = bitmap.width / viewportWidth;
    bitmap.close();
    const crop = { x: Math.round(box.x * scale), y: Math.round(box.y * scale), width: Math.round(box.width * scale), height: Math.round(box.height * scale) };
    return qrTextOfBlob(image, crop);
  },

  async scanActiveTab(): Promise<ScanReport> {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id === undefined) return { found: 0, message: 'There is no open tab to scan.' };
    try {
      await browser.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [SCANNER_FILE] });
      const results = await browser.scripting.executeScript({
        target: { tabId: tab.id, allFrames: true },
        func: () => (globalThis as typeof globalThis & { __keyringScanner?: { scanNow(): Promise<ScanReport> } }).__keyringScanner?.scanNow() ?? null,
      });
      const reports = results.map((r) => r.result as ScanReport | null).filter((r): r is ScanReport => r !== null);
      const found = reports.reduce((n, r) => n + r.found, 0);
      if (found) return { found, message: `Found ${found} account(s): the offer is on the page.` };
      return { found: 0, message: reports.find((r) => r.message !== 'No QR code on this page.')?.message ?? 'No QR code on this page.' };
    } catch {
      return { found: 0, message: whyUnreadable(tab.url) };
    }
  },
};
