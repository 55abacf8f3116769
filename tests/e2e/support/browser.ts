import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/chrome-mv3');
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Flags from DEVELOPERS.md: this machine has no network, and root needs --no-sandbox. */
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-gpu',
  '--disable-dev-shm-usage',
];

export interface LaunchOptions {
  /** Reuse a profile (to test relaunch); a fresh temporary one otherwise. */
  userDataDir?: string;
  /** Port of the HTTPS test server: every host name resolves to it. */
  serverPort?: number;
  extensionDir?: string;
  headless?: boolean;
  /**
   * Host rules tried before "every host → the HTTPS server", e.g. `MAP nas.intranet 127.0.0.1:8080` or
   * `MAP bank.example:80 127.0.0.1:8123` for a plain-HTTP server on port 80 of a real host name.
   */
  hostRules?: string[];
  /**
   * Send cookies with cross-site requests, as browsers that still allow third-party cookies do (this
   * Chromium blocks them by default): for attacks that ride on the person's cookies. Fresh profiles only.
   */
  allowThirdPartyCookies?: boolean;
  /** More command-line switches, e.g. `--disable-features=HttpsUpgrades` to keep a plain-HTTP navigation on HTTP. */
  extraArgs?: string[];
  /** The browser's language (`--lang` and LANGUAGE), which picks the extension's messages: e.g. 'fr' or 'pt_BR'. */
  locale?: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  serviceWorker(): Promise<Worker>;
  close(): Promise<void>;
  /** Closes the browser and deletes the profile. */
  dispose(): Promise<void>;
}

/** The same Chromium without the extension: the baseline for "what does the extension cost". */
export async function launchWithoutExtension(serverPort: number): Promise<{ context: BrowserContext; dispose(): Promise<void> }> {
  const userDataDir = await makeProfileDir();
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...QUIET_FLAGS, `--host-resolver-rules=MAP * 127.0.0.1:${serverPort}, EXCLUDE localhost`, '--ignore-certificate-errors'],
    viewport: { width: 1100, height: 800 },
  });
  return {
    context,
    dispose: async () => {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once `chrome-extension://<id>/` serves the extension's files (its service worker may not run yet). */
async function waitForExtensionFiles(context: BrowserContext, extensionId: string): Promise<void> {
  if (context.serviceWorkers().some((w) => w.url().startsWith(`chrome-extension://${extensionId}/`))) return;
  const page = await context.newPage();
  try {
    for (const deadline = Date.now() + 30_000; ; await page.waitForTimeout(100)) {
      if (await page.goto(`chrome-extension://${extensionId}/manifest.json`).then(() => true, () => false)) return;
      if (Date.now() > deadline) throw new Error(`the extension ${extensionId} did not load within 30 s`);
    }
  } finally {
    await page.close();
  }
}

/** Chromium's id of an unpacked extension: the SHA-256 of its absolute path, first 32 hex digits written as a–p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

export async function makeProfileDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'keyring-profile-'));
}

/** Launches Debian's Chromium with the built extension loaded, as a person's browser would have it. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const userDataDir = options.userDataDir ?? (await makeProfileDir());
  if (options.allowThirdPartyCookies) {
    await mkdir(join(userDataDir, 'Default'), { recursive: true });
    await writeFile(join(userDataDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
  }
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const args = [
    ...QUIET_FLAGS,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
  ];
  args.push(...(options.extraArgs ?? []));
  // Chromium wants `pt-BR`; the _locales folder and the LANGUAGE variable say `pt_BR`.
  if (options.locale) args.push(`--lang=${options.locale.replace('_', '-')}`);
  // KEYRING_DEVICE_SCALE=2 runs everything as on a high-density screen (device pixel ratio 2).
  if (process.env.KEYRING_DEVICE_SCALE) args.push(`--force-device-scale-factor=${process.env.KEYRING_DEVICE_SCALE}`);
  if (options.serverPort !== undefined) {
    // Every host name goes to the test server, so origin checks run against real host names.
    const rules = [...(options.hostRules ?? []), `MAP * 127.0.0.1:${options.serverPort}`, 'EXCLUDE localhost'];
    args.push(`--host-resolver-rules=${rules.join(', ')}`, '--ignore-certificate-errors');
  } else {
    // No test server: every name fails to resolve at once. This machine has no network, and a DNS look-up
    // that waits for its time-out at start-up was seen to hold up loading the extension for over 30 s.
    args.push(`--host-resolver-rules=${[...(options.hostRules ?? []), 'MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1'].join(', ')}`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args,
    ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
    viewport: { width: 1100, height: 800 },
    // On Linux, Chromium takes its UI language (which picks the extension's messages) from LANGUAGE as well as --lang.
    ...(options.locale ? { locale: options.locale.replace('_', '-'), env: { ...process.env, LANGUAGE: options.locale.replace('-', '_') } } : {}),
  });
  const serviceWorker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return existing ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  // Known from the path, so a relaunch does not depend on the service worker starting by itself in time;
  // but the extension loads after the browser starts: wait until its files are served.
  const extensionId = unpackedExtensionId(extensionDir);
  await waitForExtensionFiles(context, extensionId);
  const close = async () => {
    await context.close().catch(() => undefined);
  };
  return {
    context,
    extensionId,
    userDataDir,
    serviceWorker,
    close,
    dispose: async () => {
      await close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Stops the extension's service worker, as Chromium does after ~30 s idle, through CDP
 * (`ServiceWorker.stopWorker`), and resolves once Chromium reports it stopped.
 */
export async function stopServiceWorkers(browser: ExtensionBrowser, via?: Page): Promise<void> {
  // `via`: an extension page of the caller's to attach through (left open), e.g. one that sends no message.
  const page = via ?? (await browser.context.newPage());
  if (!via) await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const cdp = await browser.context.newCDPSession(page);
  const status = new Map<string, string>();
  let changed: () => void = () => undefined;
  cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
    for (const version of event.versions) {
      if (version.scriptURL.startsWith(`chrome-extension://${browser.extensionId}/`)) status.set(version.versionId, version.runningStatus);
    }
    changed();
  });
  await cdp.send('ServiceWorker.enable');
  const waitFor = async (done: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`service worker did not stop: ${JSON.stringify([...status])}`);
      await new Promise<void>((resolve) => {
        changed = resolve;
        setTimeout(resolve, 200);
      });
    }
  };
  await waitFor(() => status.size > 0);
  for (const versionId of status.keys()) await cdp.send('ServiceWorker.stopWorker', { versionId });
  await waitFor(() => [...status.values()].every((s) => s === 'stopped'));
  await cdp.detach();
  if (!via) await page.close();
}

interface ChromeForReset {
  storage: Record<'local' | 'sync' | 'session', { clear(): Promise<void> }>;
  alarms: { clearAll(): Promise<boolean> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/**
 * Makes a used browser what a fresh profile would be for the extension, so a test's verdict does not depend on
 * the tests run before it in this browser (a launch costs more than most tests take): every tab and window closed
 * (content scripts, the bind window), routes, permissions, cookies and the HTTP cache gone, the extension's service
 * worker stopped (what it held in memory: unlock state, codes handed out, bind requests, previews) and its stores
 * emptied (IndexedDB: vault, settings, limiter, remembered choices; storage.local, sync and session; alarms).
 * Checked, not assumed: the vault must read "uninitialized" afterwards, or this throws. With `keepControlPage`, the
 * extension page it worked through (one that draws nothing and sends nothing by itself) is left open and returned,
 * for a caller that talks to the extension through messages: a new page costs a renderer process.
 */
export async function resetExtensionBrowser(browser: ExtensionBrowser, { keepControlPage = false } = {}): Promise<Page | null> {
  const { context, extensionId } = browser;
  const control = await context.newPage();
  for (const page of context.pages()) if (page !== control) await page.close();
  await context.unrouteAll({ behavior: 'ignoreErrors' });
  await context.clearPermissions();
  await context.clearCookies();
  // The offscreen document's page sends no message: opening it does not wake the service worker.
  await control.goto(`chrome-extension://${extensionId}/offscreen.html`);
  await stopServiceWorkers(browser, control);
  const cdp = await context.newCDPSession(control);
  await cdp.send('Storage.clearDataForOrigin', { origin: `chrome-extension://${extensionId}`, storageTypes: 'indexeddb' });
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
  await control.evaluate(async () => {
    const api = (globalThis as unknown as { chrome: ChromeForReset }).chrome;
    await Promise.all([api.storage.local.clear(), api.storage.sync.clear(), api.storage.session.clear(), api.alarms.clearAll()]);
  });
  const reply = (await control.evaluate(() => (globalThis as unknown as { chrome: ChromeForReset }).chrome.runtime.sendMessage({ type: 'vault/status', payload: null }))) as {
    ok: boolean;
    value?: { status: string };
  };
  if (reply.value?.status !== 'uninitialized') throw new Error(`the extension kept state: ${JSON.stringify(reply)}`);
  if (keepControlPage) return control;
  await control.close();
  return null;
}

/**
 * One browser for a worker's tests, reset between them (`resetExtensionBrowser`); a new one after a failed
 * reset, after a test closed it, or after a failed test (`discard`), so a broken browser cannot fail the tests after it.
 */
export class ReusedBrowser {
  private current: ExtensionBrowser | null = null;
  private closed = false;
  /** With `keepControlPage`: the extension page the last reset left open (see resetExtensionBrowser). */
  controlPage: Page | null = null;

  constructor(
    private readonly launch: () => Promise<ExtensionBrowser>,
    private readonly options: { keepControlPage?: boolean } = {},
  ) {}

  async take(): Promise<ExtensionBrowser> {
    this.controlPage = null;
    if (this.current && !this.closed) {
      try {
        this.controlPage = await resetExtensionBrowser(this.current, this.options);
        return this.current;
      } catch (error) {
        console.log(`(reset failed, new browser: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
        await this.discard();
      }
    }
    const browser = await this.launch();
    this.current = browser;
    this.closed = false;
    browser.context.once('close', () => {
      if (this.current === browser) this.closed = true;
    });
    return browser;
  }

  /** The page the last reset left open, if it belongs to `context`, for the caller to use (once). */
  claimControlPage(context: BrowserContext): Page | null {
    const page = this.controlPage;
    this.controlPage = null;
    return page && page.context() === context && !page.isClosed() ? page : null;
  }

  async discard(): Promise<void> {
    const browser = this.current;
    this.current = null;
    await browser?.dispose();
  }
}
