#!/usr/bin/env node
// `npm test`: install what is missing, then every check and test. Plain Node (no dependencies),
// because it runs before node_modules exists on a fresh machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureDebianPackage, ensureNpmPackages } from './install.mjs';

const root = new URL('..', import.meta.url).pathname;

function run(title, command, args) {
  console.log(`\n=== ${title}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  return finish(title, result.status ?? result.signal, started);
}

function finish(title, status, started) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = status === 0;
  console.log(`=== ${title}: ${ok ? 'ok' : `FAILED (exit ${status})`} in ${seconds} s`);
  if (!ok) failures.push(title);
  return ok;
}

/**
 * Runs steps side by side, each step's output held and printed whole when it ends (so logs do not mix). For steps
 * that leave a core idle: the corpus (about 1.5 cores) beside the Firefox run.
 * A lane is a list of steps run one after another, the next only if the one before passed.
 */
async function runLanes(lanes) {
  const runStep = ({ title, command, args }) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(command, args, { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
      const output = [];
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
      child.on('close', (code, signal) => {
        console.log(`\n=== ${title}: ${[command, ...args].join(' ')}`);
        process.stdout.write(Buffer.concat(output));
        resolve(finish(title, code ?? signal, started));
      });
    });
  await Promise.all(
    lanes.map(async (steps) => {
      for (const step of steps) if (!(await runStep(step))) return;
    }),
  );
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

// `npm run check` in parts. Its Firefox web-ext lint builds the Firefox package, which the Firefox tests below use
// too, so it is built once here. (Side by side, tsc and eslint took longer than one after the other: 20 s against 16.)
run('typecheck', 'npx', ['tsc', '--noEmit']);
run('lint', 'npx', ['eslint', '.']);
run('import cycles', 'npm', ['run', '--silent', 'cycles']);
run('unit tests', 'npx', ['vitest', 'run']);
const built = run('build the extension', 'npx', ['wxt', 'build']);
const builtFirefox = run('build the Firefox package', 'npx', ['wxt', 'build', '-b', 'firefox']);
if (built) run('end-to-end tests (Chromium)', 'npx', ['playwright', 'test']);
// The corpus (three Chromium pages at a time, about 1.5 cores) and the Firefox lane side by side.
const corpus = built && existsSync(`${root}tests/corpus`) ? [[{ title: 'page corpus (Chromium)', command: 'npx', args: ['tsx', 'scripts/corpus.ts', 'tests/corpus'] }]] : [];
const firefoxLane = builtFirefox
  ? [
      [
        { title: 'Firefox web-ext lint', command: 'npx', args: ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--self-hosted'] },
        // The core flows but the backup round trip (`npm run test:firefox` runs that too).
        ...(firefox ? [{ title: 'end-to-end tests (Firefox ESR)', command: 'npx', args: ['playwright', 'test', '-c', 'tests/firefox/playwright.config.ts', '--grep', '@npm-test'] }] : []),
      ],
    ]
  : [];
await runLanes([...corpus, ...firefoxLane]);

console.log(failures.length ? `\nFAILED: ${failures.join(', ')}` : '\nAll checks and tests passed.');
process.exit(failures.length ? 1 : 0);
