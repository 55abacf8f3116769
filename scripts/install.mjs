#!/usr/bin/env node
// Installs what `npm start` and `npm test` need on a fresh machine. Plain Node (no dependencies), because
// it runs before node_modules exists. As a command: `node scripts/install.mjs [chromium] [firefox] [rclone] [apache2]`.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const RCLONE = process.env.RCLONE_PATH ?? '/usr/bin/rclone';
export const APACHE = process.env.APACHE_PATH ?? '/usr/sbin/apache2';
const DEBIAN_PACKAGES = {
  chromium: { binary: CHROMIUM, pkg: 'chromium', env: 'CHROME_PATH' },
  firefox: { binary: FIREFOX, pkg: 'firefox-esr', env: 'FIREFOX_PATH' },
  // The WebDAV server the sync tests start (tests/e2e/support/webdav.ts).
  rclone: { binary: RCLONE, pkg: 'rclone', env: 'RCLONE_PATH' },
  // The second WebDAV server (mod_dav, honours If-Match) the sync tests start (tests/e2e/support/apache-dav.ts).
  apache2: { binary: APACHE, pkg: 'apache2', env: 'APACHE_PATH' },
};

function run(command, args) {
  console.log(`\n=== ${[command, ...args].join(' ')}`);
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env }).status === 0;
}

/** npm packages: `npm ci` when node_modules is missing or older than the lock file. */
export function ensureNpmPackages() {
  const lock = `${root}package-lock.json`;
  const marker = `${root}node_modules/.package-lock.json`;
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return true;
  return run('npm', ['ci']);
}

let aptUpdated = false;
/** A Debian package (`chromium`, `firefox`, `rclone`, `apache2`) through apt-get when it is missing; false if it cannot be had. */
export function ensureDebianPackage(name) {
  const { binary, pkg, env } = DEBIAN_PACKAGES[name];
  if (existsSync(binary)) return true;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args) => (sudo.length ? run('sudo', ['apt-get', ...args]) : run('apt-get', args));
  if (!aptUpdated) aptUpdated = apt('update') || true;
  if (apt('install', '-y', pkg) && existsSync(binary)) return true;
  console.error(`${name} is needed at ${binary} (or set ${env}) and could not be installed (apt-get install ${pkg}).`);
  return false;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ok = ensureNpmPackages() && process.argv.slice(2).every((name) => ensureDebianPackage(name));
  process.exit(ok ? 0 : 1);
}
