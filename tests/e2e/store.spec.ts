import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import JSZip from 'jszip';
import { expect, test } from '@playwright/test';

/**
 * What the stores receive: `npm run zip` (`wxt zip` for Chrome and Firefox), the packages read back as a
 * store would. Every permission must appear in PERMISSION_REASONS (the README lists the same reasons).
 */
const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const PERMISSION_REASONS: Record<string, string> = {
  storage: 'the unlocked key in memory-only storage.session, and storage.sync when the person turns on browser sync',
  alarms: 'auto-lock and emptying the clipboard 30 s after a copy, also after the background has stopped',
  activeTab: '“Scan this page” and filling from the popup act on the tab the person is looking at',
  scripting: 'runs the QR scanner in the active tab when the person asks',
  clipboardWrite: 'copies a code, and empties the clipboard again',
  contextMenus: 'the “Scan this page for a QR code” menu item',
  idle: '“Lock when the computer is locked or idle”',
  tabs: 'the active tab’s address, to tell which site a code may be filled on',
  downloads: 'automatic encrypted backups into “Keyring backups/”, and removing the oldest beyond the number kept',
  offscreen: 'Chrome only: a hidden document with a clipboard, to empty it after the popup has closed',
};
const HOSTS_REASON = { '<all_urls>': 'the content script finds enrolment QR codes and one-time-code fields on any site' };

interface Manifest {
  manifest_version: number;
  version: string;
  name: string;
  default_locale: string;
  icons: Record<string, string>;
  action: { default_icon: Record<string, string>; default_title: string; default_popup: string };
  permissions: string[];
  host_permissions: string[];
  content_security_policy: { extension_pages: string };
  browser_specific_settings?: { gecko: { id: string; strict_min_version: string } };
}

/** Packs into .output/store-test: the other tests, running beside this one, load .output/chrome-mv3. */
const OUT = resolve(ROOT, '.output', 'store-test');

async function buildZip(browser: 'chrome' | 'firefox'): Promise<JSZip> {
  execFileSync('npx', ['wxt', 'zip', '-b', browser], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, KEYRING_OUT_DIR: OUT } });
  const name = readdirSync(OUT).find((f) => f.endsWith(`-${VERSION}-${browser}.zip`));
  expect(name, `.output/store-test/*-${VERSION}-${browser}.zip`).toBeDefined();
  return JSZip.loadAsync(readFileSync(resolve(OUT, name!)));
}

async function pngSize(zip: JSZip, path: string): Promise<[number, number]> {
  const file = zip.file(path);
  expect(file, `${path} is in the package`).not.toBeNull();
  const png = Buffer.from(await file!.async('uint8array'));
  expect(png.subarray(1, 4).toString('latin1'), `${path} is a PNG`).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

test('the Chrome package: icons of every size, a localised title, justified permissions, a strict CSP, the version', async () => {
  test.setTimeout(120_000);
  const zip = await buildZip('chrome');
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
  const messages = JSON.parse(await zip.file('_locales/en/messages.json')!.async('string')) as Record<string, { message: string }>;

  expect(manifest.manifest_version).toBe(3);
  expect(manifest.version).toBe(VERSION);
  for (const icons of [manifest.icons, manifest.action.default_icon]) {
    expect(Object.keys(icons).sort()).toEqual(['128', '16', '32', '48']);
    for (const [size, path] of Object.entries(icons)) expect(await pngSize(zip, path)).toEqual([Number(size), Number(size)]);
  }
  for (const text of [manifest.name, manifest.action.default_title]) {
    const key = /^__MSG_(\w+)__$/.exec(text)?.[1];
    expect(key, `${text} is localised`).toBeDefined();
    expect(messages[key!]?.message).toBeTruthy();
  }
  expect([...manifest.permissions].sort()).toEqual(Object.keys(PERMISSION_REASONS).sort());
  expect(manifest.host_permissions).toEqual(Object.keys(HOSTS_REASON));
  // Only the extension's own scripts, and WebAssembly (Argon2id); no eval, no remote code.
  expect(manifest.content_security_policy.extension_pages).toBe("script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
  expect(Object.keys(zip.files).filter((f) => f.endsWith('.map'))).toEqual([]);
});

test('the Firefox package: installs on ESR 140 and later, no Chrome-only permission', async () => {
  test.setTimeout(120_000);
  const zip = await buildZip('firefox');
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
  expect(manifest.version).toBe(VERSION);
  expect(manifest.browser_specific_settings?.gecko.strict_min_version).toBe('140.0');
  expect(manifest.permissions).not.toContain('offscreen');
  expect(await pngSize(zip, manifest.icons['128']!)).toEqual([128, 128]);
});
