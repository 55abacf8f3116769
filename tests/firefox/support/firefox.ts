import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startHostProxy, type HostProxy } from './proxy';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/firefox-mv3');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The add-on id from wxt.config.ts (browser_specific_settings.gecko.id). */
export const ADDON_ID = 'authenticator@keyring.example';
/** Firefox gives each add-on a random internal UUID; this pref fixes ours so tests know its pages' URLs. */
const ADDON_UUID = '5b1c2e0a-6f0d-4a57-9d37-8c1e6e0c4b1f';

export interface FirefoxWithExtension {
  browser: Browser;
  /** `moz-extension://<uuid>` */
  origin: string;
  downloadDir: string;
  newPage(): Promise<Page>;
  dispose(): Promise<void>;
}

/**
 * Debian's Firefox ESR driven over WebDriver BiDi (no downloaded browser), the built Firefox package
 * installed as a temporary add-on (`webExtension.install`), every host name reaching the HTTPS test
 * server through a local proxy, its self-signed certificate accepted.
 */
export async function launchFirefoxWithExtension(options: { serverPort: number; extensionDir?: string; /** A copy built with another gecko id (tests/firefox/policy.spec.ts). */ addonId?: string }): Promise<FirefoxWithExtension> {
  const proxy: HostProxy = await startHostProxy(options.serverPort);
  const profile = await mkdtemp(join(tmpdir(), 'keyring-firefox-'));
  const downloadDir = join(profile, 'downloads');
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      userDataDir: profile,
      acceptInsecureCerts: true,
      // WebDriver may open moz-extension:// pages (the popup, backup page) only with system access.
      args: ['--remote-allow-system-access'],
      defaultViewport: { width: 1100, height: 800 },
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [options.addonId ?? ADDON_ID]: ADDON_UUID }),
        // Every host name (real ones too: no network here) through the proxy to the test server.
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': false,
        'network.dns.disablePrefetch': true,
        'network.http.http3.enable': false,
        // Pages may read the clipboard without Firefox's paste prompt (the clipboard test reads it as a page would).
        'dom.events.testing.asyncClipboard': true,
        'dom.events.asyncClipboard.readText': true,
        // Downloads land in a known folder without a dialog.
        'browser.download.folderList': 2,
        'browser.download.dir': downloadDir,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.alwaysOpenPanel': false,
      },
    });
    await browser.installExtension(options.extensionDir ?? FIREFOX_EXTENSION_DIR);
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await proxy.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const opened = browser;
  return {
    browser: opened,
    origin: `moz-extension://${ADDON_UUID}`,
    downloadDir,
    newPage: () => opened.newPage(),
    dispose: async () => {
      await opened.close().catch(() => undefined);
      await proxy.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
