#!/usr/bin/env node
// `npm start [-- --firefox]`: installs what is missing (npm packages; Debian's Chromium, or Firefox ESR with
// --firefox), then runs scripts/start.ts. Plain Node, because it runs before node_modules exists.
import { spawn } from 'node:child_process';
import { ensureDebianPackage, ensureNpmPackages, root } from './install.mjs';

if (!ensureNpmPackages()) process.exit(1);
// Without the browser the demo still builds and serves, and start.ts says how to load the extension by hand.
ensureDebianPackage(process.argv.includes('--firefox') ? 'firefox' : 'chromium');
const child = spawn(`${root}node_modules/.bin/tsx`, ['scripts/start.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
