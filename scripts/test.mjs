#!/usr/bin/env node
// `npm test`: install what is missing, then every check and test. Plain Node (no dependencies),
// because it runs before node_modules exists on a fresh machine.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';

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

// 1. npm packages: install when node_modules is missing or older than the lock file.
const lock = `${root}package-lock.json`;
const marker = `${root}node_modules/.package-lock.json`;
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  if (!run('install npm packages', 'npm', ['ci'])) process.exit(1);
}

// 2. The browser for end-to-end tests: Debian's Chromium (Playwright cannot download its own here).
if (!existsSync(chromium)) {
  const asRoot = process.getuid?.() === 0;
  const apt = (args) => (asRoot ? ['apt-get', args] : ['sudo', ['apt-get', ...args]]);
  const [updateCmd, updateArgs] = asRoot ? ['apt-get', ['update']] : apt(['update']);
  run('apt-get update', updateCmd, updateArgs, { allowFail: true });
  const [cmd, args] = asRoot ? ['apt-get', ['install', '-y', 'chromium']] : apt(['install', '-y', 'chromium']);
  if (!run('install chromium', cmd, args) || !existsSync(chromium)) {
    console.error(`Chromium is needed at ${chromium} (or set CHROME_PATH) and could not be installed.`);
    process.exit(1);
  }
}

// 3. The WebDAV server the sync tests start (tests/e2e/support/webdav.ts): Debian's rclone.
const rclone = process.env.RCLONE_PATH ?? '/usr/bin/rclone';
if (!existsSync(rclone)) {
  const asRoot = process.getuid?.() === 0;
  const [updateCmd, updateArgs] = asRoot ? ['apt-get', ['update']] : ['sudo', ['apt-get', 'update']];
  run('apt-get update', updateCmd, updateArgs, { allowFail: true });
  const [cmd, args] = asRoot ? ['apt-get', ['install', '-y', 'rclone']] : ['sudo', ['apt-get', 'install', '-y', 'rclone']];
  if (!run('install rclone', cmd, args) || !existsSync(rclone)) console.error(`rclone is needed at ${rclone} for the sync tests and could not be installed.`);
}

run('typecheck + lint + Firefox web-ext lint', 'npm', ['run', 'check']);
run('unit tests', 'npx', ['vitest', 'run']);
if (run('build the extension', 'npx', ['wxt', 'build'])) {
  run('end-to-end tests (Chromium)', 'npx', ['playwright', 'test']);
  if (existsSync(`${root}tests/corpus`)) run('page corpus (Chromium)', 'npx', ['tsx', 'scripts/corpus.ts', 'tests/corpus']);
}

console.log(failures.length ? `\nFAILED: ${failures.join(', ')}` : '\nAll checks and tests passed.');
process.exit(failures.length ? 1 : 0);
