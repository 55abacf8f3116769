// `npm start` (through scripts/start.mjs, which installs what is missing): build the extension, serve the demo
// site on 127.0.0.1, and open Chromium with the extension loaded; `npm start -- --firefox` does the same with
// Firefox ESR (a temporary add-on through web-ext). Without a display it says how to load the extension by hand.
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import QRCode from 'qrcode';

const root = resolve(import.meta.dirname, '..');
const demoDir = resolve(root, 'demo');
const useFirefox = process.argv.includes('--firefox');
const extensionDir = resolve(root, useFirefox ? '.output/firefox-mv3' : '.output/chrome-mv3');
const chromium = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const port = Number(process.env.DEMO_PORT ?? 8080);
const DEMO_ACCOUNT = 'otpauth://totp/Demo%20Co:you%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Demo%20Co';

console.log('Building the extension…');
execSync(useFirefox ? 'npx wxt build -b firefox' : 'npx wxt build', { cwd: root, stdio: 'inherit' });
writeFileSync(join(demoDir, 'enrol-qr.png'), await QRCode.toBuffer(DEMO_ACCOUNT, { width: 200, margin: 2 }));

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.png': 'image/png' };
const server = createServer((request, response) => {
  void (async () => {
    const path = normalize(join(demoDir, new URL(request.url ?? '/', 'http://x').pathname));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(demoDir)) return void response.writeHead(403).end();
    try {
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
    } catch {
      response.writeHead(404).end('not found');
    }
  })();
});
await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
const url = `http://127.0.0.1:${port}/`;
console.log(`Demo site: ${url} (enrol.html has a QR code, signin.html a one-time-code field)`);

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const browserPath = useFirefox ? firefox : chromium;
const byHand = useFirefox
  ? `open about:debugging#/runtime/this-firefox in Firefox, click "Load Temporary Add-on…" and choose ${join(extensionDir, 'manifest.json')}`
  : `open chrome://extensions in your browser, turn on Developer mode, click "Load unpacked" and choose ${extensionDir}`;
if (!hasDisplay || !existsSync(browserPath)) {
  const why = !hasDisplay ? 'No display here, so no browser window can open' : `No browser at ${browserPath} (set ${useFirefox ? 'FIREFOX_PATH' : 'CHROME_PATH'})`;
  console.log(`${why}: ${byHand}, then visit ${url}. Ctrl+C stops the demo site.`);
} else {
  const profile = useFirefox ? '' : mkdtempSync(join(tmpdir(), 'keyring-demo-'));
  const browser = useFirefox
    ? // web-ext installs the add-on temporarily over Firefox's remote protocol, as about:debugging would.
      spawn(resolve(root, 'node_modules/.bin/web-ext'), ['run', '--source-dir', extensionDir, '--firefox', firefox, '--no-reload', '--start-url', `${url}enrol.html`], { stdio: 'ignore' })
    : spawn(chromium, [`--user-data-dir=${profile}`, `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update', '--disable-quic', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), `${url}enrol.html`], { stdio: 'ignore' });
  console.log(`${useFirefox ? 'Firefox' : 'Chromium'} is open with the extension${useFirefox ? '' : ` (profile ${profile})`}. Close it or press Ctrl+C to stop.`);
  browser.on('exit', () => {
    server.close();
    process.exit(0);
  });
}
