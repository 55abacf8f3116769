#!/usr/bin/env node
// `npm test`: install what is missing, then every check and test. Plain Node (no dependencies),
// because it runs before node_modules exists on a fresh machine.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDebianPackage, ensureNpmPackages } from './install.mjs';

const root = new URL('..', import.meta.url).pathname;

function run(title, command, args, { allowFail = false } = {}) {
  console.log(`\n=== ${title}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`=== ${title}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s`);
  if (!ok && !allowFail) failures.push(title);
  return ok;
}

const failures = [];

// 1. npm packages; 2. the browsers for end-to-end tests: Debian's Chromium and Firefox ESR (nothing is downloaded).
if (!ensureNpmPackages()) process.exit(1);
if (!ensureDebianPackage('chromium')) process.exit(1);
const firefox = ensureDebianPackage('firefox');
if (!firefox) failures.push('install firefox-esr');

// 3. The WebDAV server the sync tests start (tests/e2e/support/webdav.ts): Debian's rclone.
if (!ensureDebianPackage('rclone')) process.exit(1);
// and Apache's mod_dav (tests/e2e/support/apache-dav.ts), which honours If-Match where rclone does not.
if (!ensureDebianPackage('apache2')) process.exit(1);

// `npm run check` in parts: its Firefox web-ext lint builds the Firefox package, which the Firefox tests below
// use too, so it is built once here.
run('typecheck', 'npx', ['tsc', '--noEmit']);
run('lint', 'npx', ['eslint', '.']);
run('import cycles', 'npm', ['run', '--silent', 'cycles']);
run('unit tests', 'npx', ['vitest', 'run']);
if (run('build the extension', 'npx', ['wxt', 'build'])) {
  run('end-to-end tests (Chromium)', 'npx', ['playwright', 'test']);
  if (existsSync(`${root}tests/corpus`)) run('page corpus (Chromium)', 'npx', ['tsx', 'scripts/corpus.ts', 'tests/corpus']);
}
if (run('build the Firefox package', 'npx', ['wxt', 'build', '-b', 'firefox'])) {
  run('Firefox web-ext lint', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--self-hosted']);
  // The core flows but the backup round trip (`npm run test:firefox` runs that too).
  if (firefox) run('end-to-end tests (Firefox ESR)', 'npx', ['playwright', 'test', '-c', 'tests/firefox/playwright.config.ts', '--grep', '@npm-test']);
}

console.log(failures.length ? `\nFAILED: ${failures.join(', ')}` : '\nAll checks and tests passed.');
process.exit(failures.length ? 1 : 0);
