// Generates the project's own enrolment pages and their QR images (committed, so the corpus stands
// alone). Run: node tests/corpus/generate.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';

const here = dirname(fileURLToPath(import.meta.url));
const assets = join(here, 'assets-enrol');
let seed = 20261123;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const secret = (n = 32) => Array.from({ length: n }, () => ALPHABET[Math.floor(random() * 32)]).join('');
const STYLE = '<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;color:#222} .card{border:1px solid #ddd;border-radius:8px;padding:1.5em;margin:1em 0} label{display:block;margin:.6em 0 .2em} input{font-size:1.1em;padding:.3em}</style>';
const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const form = '<form><label for="code">Enter the 6-digit code from your app</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6"><button type="button">Enable</button></form>';

function page(file, { host = 'corpus.test', expect = [], wait, body, title = 'Set up two-factor authentication' }) {
  const metas = ['<meta name="corpus:kind" content="enrol">', `<meta name="corpus:host" content="${host}">`, ...expect.map((u) => `<meta name="corpus:expect-account" content="${esc(u)}">`)];
  if (wait) metas.push(`<meta name="corpus:wait-ms" content="${wait}">`);
  writeFileSync(join(here, file), `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title>\n${metas.join('\n')}\n${STYLE}\n</head><body>\n${body}\n</body></html>\n`);
}

/** A QR code as RGBA pixels with options: colours, size, logo in the middle. */
function qrPng(text, { size = 240, dark = [0, 0, 0], light = [255, 255, 255], logo = false, level = 'M' } = {}) {
  const qr = QRCode.create(text, { errorCorrectionLevel: level });
  const n = qr.modules.size + 8;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const mx = Math.floor((x / size) * n) - 4;
      const my = Math.floor((y / size) * n) - 4;
      const on = mx >= 0 && my >= 0 && mx < qr.modules.size && my < qr.modules.size && qr.modules.get(mx, my);
      const inLogo = logo && Math.abs(x - size / 2) < size * 0.11 && Math.abs(y - size / 2) < size * 0.11;
      const [r, g, b] = inLogo ? [220, 38, 38] : on ? dark : light;
      const i = (y * size + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = 255;
    }
  return PNG.sync.write(png);
}

function asset(name, buffer) {
  writeFileSync(join(assets, name), buffer);
  return `assets-enrol/${name}`;
}

const uri = (issuer, name, extra = '') => `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${secret()}&issuer=${encodeURIComponent(issuer)}${extra}`;

function svgOf(text) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  let rects = '';
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (qr.modules.get(x, y)) rects += `<rect x="${x + 4}" y="${y + 4}" width="1" height="1"/>`;
  return `<svg viewBox="0 0 ${n + 8} ${n + 8}" width="220" height="220" role="img" aria-label="QR code"><rect width="100%" height="100%" fill="#fff"/><g fill="#000">${rects}</g></svg>`;
}

// Migration payload (protobuf by hand) for a Google Authenticator export across two batches.
function varint(n) {
  let v = BigInt.asUintN(64, BigInt(n));
  const out = [];
  do {
    out.push(Number(v & 0x7fn) | (v > 0x7fn ? 0x80 : 0));
    v >>= 7n;
  } while (v);
  return out;
}
const len = (f, bytes) => [(f << 3) | 2, ...varint(bytes.length), ...bytes];
const num = (f, v) => [(f << 3) | 0, ...varint(v)];
const ascii = (s) => [...Buffer.from(s)];
const b32bytes = (s) => {
  let bits = 0, value = 0;
  const out = [];
  for (const c of s) {
    value = (value << 5) | ALPHABET.indexOf(c);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  return out;
};
function migration(accounts, index, size, id) {
  const payload = [...accounts.flatMap((a) => len(1, [...len(1, b32bytes(a.secret)), ...len(2, ascii(a.name)), ...len(3, ascii(a.issuer)), ...num(4, 1), ...num(5, 1), ...num(6, 2)])), ...num(2, 1), ...num(3, size), ...num(4, index), ...num(5, id)];
  return `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;
}

const cases = [];
const add = (file, expect, make) => cases.push([file, expect, make]);

add('enrol-img-data-url.html', [uri('Data Co', 'ann@example.com')], ([u]) => ({ body: `<h1>Scan with your authenticator app</h1><img alt="QR code" src="data:image/png;base64,${qrPng(u).toString('base64')}">${form}` }));
add('enrol-img-same-origin.html', [uri('Same Origin', 'bo@example.com')], ([u]) => ({ body: `<h1>Two-factor authentication</h1><img alt="QR" src="${asset('same-origin.png', qrPng(u))}" width="200" height="200">${form}` }));
add('enrol-img-cross-origin.html', [uri('CDN Served', 'cy@example.com')], ([u]) => ({ host: 'app.corpus.test', body: `<h1>Set up your authenticator</h1><img alt="Scan me" src="https://cdn.other.test/${asset('cross-origin.png', qrPng(u))}" width="200" height="200">${form}` }));
add('enrol-img-blob.html', [uri('Blob Inc', 'di@example.com')], ([u]) => ({ body: `<h1>Set up two-factor authentication</h1><div id="slot"></div><script>fetch('${asset('blob.png', qrPng(u))}').then(r=>r.blob()).then(b=>{const i=new Image();i.alt='QR code';i.width=200;i.height=200;i.src=URL.createObjectURL(b);document.getElementById('slot').append(i)})</script>${form}`, wait: 500 }));
add('enrol-canvas-tainted.html', [uri('Tainted', 'ed@example.com')], ([u]) => ({ host: 'tainted.test', body: `<h1>Authenticator set-up</h1><canvas id="c" width="220" height="220" aria-label="QR code"></canvas><script>const i=new Image();i.onload=()=>document.getElementById('c').getContext('2d').drawImage(i,0,0,220,220);i.src='https://cdn.other.test/${asset('tainted.png', qrPng(u))}'</script>${form}`, wait: 500 }));
add('enrol-css-background.html', [uri('Background', 'fay@example.com')], ([u]) => ({ body: `<style>.qr{width:220px;height:220px;background:url(${asset('background.png', qrPng(u))}) center/contain no-repeat}</style><h1>Two-step verification</h1><div class="qr" role="img" aria-label="QR code"></div>${form}` }));
add('enrol-css-background-cross-origin.html', [uri('Background CDN', 'gus@example.com')], ([u]) => ({ body: `<h1>Two-step verification</h1><div style="width:200px;height:200px;background-image:url('https://cdn.other.test/${asset('background-cdn.png', qrPng(u))}');background-size:cover"></div>${form}` }));
add('enrol-shadow-root.html', [uri('Shadow', 'hal@example.com')], ([u]) => ({ body: `<h1>Turn on 2FA</h1><mfa-setup></mfa-setup><script>const r=document.querySelector('mfa-setup').attachShadow({mode:'open'});r.innerHTML='<img alt="QR" width="200" height="200" src="${asset('shadow.png', qrPng(u))}">'</script>${form}` }));
add('enrol-shadow-svg.html', [uri('Shadow SVG', 'ida@example.com')], ([u]) => ({ body: `<h1>Turn on 2FA</h1><qr-card></qr-card><script>document.querySelector('qr-card').attachShadow({mode:'open'}).innerHTML=${JSON.stringify(svgOf(u))}</script>${form}` }));
add('enrol-iframe-cross-origin.html', [uri('Framed', 'jo@example.com')], ([u]) => {
  writeFileSync(join(assets, 'frame.html'), `<!doctype html><html><head><title>2FA</title></head><body><p>Scan this QR code with your authenticator app.</p><img alt="QR" width="200" height="200" src="${'framed.png'}"></body></html>\n`);
  asset('framed.png', qrPng(u));
  return { host: 'portal.test', body: `<h1>Security settings</h1><iframe src="https://auth.other.test/assets-enrol/frame.html" width="320" height="320" title="Two-factor set-up"></iframe>` , wait: 800 };
});
add('enrol-dialog-after-load.html', [uri('Dialog', 'kim@example.com')], ([u]) => ({ body: `<h1>Account security</h1><p>Protect your account.</p><dialog id="d"><p>Scan with your authenticator app</p><img alt="QR" width="200" height="200" src="${asset('dialog.png', qrPng(u))}"></dialog><script>setTimeout(()=>document.getElementById('d').showModal(),1000)</script>`, wait: 1800 }));
add('enrol-spa-late.html', [uri('Late SPA', 'lu@example.com')], ([u]) => ({ body: `<div id="app">Loading…</div><script>setTimeout(()=>{history.pushState({},'','#/security/2fa');document.getElementById('app').innerHTML='<h1>Set up authenticator</h1><canvas width="210" height="210"></canvas>';const i=new Image();i.onload=()=>document.querySelector('canvas').getContext('2d').drawImage(i,0,0);i.src='${asset('spa.png', qrPng(u, { size: 210 }))}'},1500)</script>`, wait: 2300 }));
add('enrol-zoomed.html', [uri('Zoom', 'max@example.com')], ([u]) => ({ body: `<div style="zoom:1.75"><h1>Two-factor authentication</h1><img alt="QR" width="140" height="140" src="${asset('zoom.png', qrPng(u, { size: 140 }))}"></div>${form}` }));
add('enrol-transform-scaled.html', [uri('Scaled', 'ned@example.com')], ([u]) => ({ body: `<h1>Two-factor authentication</h1><canvas id="c" width="200" height="200" style="transform:scale(0.6);transform-origin:0 0"></canvas><script>const i=new Image();i.onload=()=>document.getElementById('c').getContext('2d').drawImage(i,0,0);i.src='${asset('scaled.png', qrPng(u, { size: 200 }))}'</script>${form}`, wait: 400 }));
add('enrol-inverted.html', [uri('Inverted', 'oz@example.com')], ([u]) => ({ body: `<body style="background:#111;color:#eee"><h1>Authenticator app</h1><img alt="QR" src="${asset('inverted.png', qrPng(u, { dark: [255, 255, 255], light: [17, 17, 17] }))}">${form}` }));
add('enrol-low-contrast.html', [uri('Low Contrast', 'pia@example.com')], ([u]) => ({ body: `<h1>Two-factor authentication</h1><img alt="QR" src="${asset('low-contrast.png', qrPng(u, { dark: [110, 110, 130], light: [175, 175, 190] }))}">${form}` }));
add('enrol-small-96.html', [uri('Tiny', 'q@x.io')], ([u]) => ({ body: `<h1>2FA</h1><img alt="QR" width="96" height="96" src="${asset('small.png', qrPng(u, { size: 96, level: 'L' }))}">${form}` }));
add('enrol-large-logo.html', [uri('Logo Bank', 'rae@example.com')], ([u]) => ({ body: `<h1>Secure your account</h1><img alt="QR" width="560" height="560" src="${asset('logo.png', qrPng(u, { size: 560, logo: true, level: 'H' }))}">${form}` }));
add('enrol-sha512-8-digits.html', [uri('Strong', 'sam@example.com', '&algorithm=SHA512&digits=8&period=60')], ([u]) => ({ body: `<h1>Authenticator</h1><img alt="QR" src="${asset('sha512.png', qrPng(u))}">${form}` }));
add('enrol-hotp.html', [`otpauth://hotp/Counter:tia?secret=${secret()}&issuer=Counter&counter=3`], ([u]) => ({ body: `<h1>Hardware-style token (2FA)</h1><img alt="QR" src="${asset('hotp.png', qrPng(u))}">` }));
{
  const accounts = [{ issuer: 'Mail', name: 'uma@example.com', secret: secret() }, { issuer: 'Chat', name: 'uma', secret: secret() }, { issuer: 'Cloud', name: 'uma@work', secret: secret() }];
  const expect = accounts.map((a) => `otpauth://totp/${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.name)}?secret=${a.secret}&issuer=${a.issuer}`);
  add('enrol-google-export-two-batches.html', expect, () => {
    const first = migration(accounts.slice(0, 2), 0, 2, -42);
    const second = migration(accounts.slice(2), 1, 2, -42);
    return { title: 'Transfer accounts', body: `<h1>Export accounts</h1><p>Scan these QR codes with your new authenticator.</p><img alt="QR 1 of 2" src="${asset('export-1.png', qrPng(first, { size: 300 }))}"> <img alt="QR 2 of 2" src="${asset('export-2.png', qrPng(second, { size: 300 }))}">` };
  });
}
// Decoys: nothing may be offered.
add('decoy-payment-qr.html', [], () => ({ title: 'Pay', body: `<h1>Scan the QR code to pay</h1><img alt="QR" src="${asset('payment.png', qrPng('BCD\n002\n1\nSCT\nBHBLDEHHXXX\nExample Shop\nDE02100100109307118603\nEUR12.50\n\n\nInvoice 42'))}">` }));
add('decoy-chat-login.html', [], () => ({ title: 'Log in to chat', body: `<h1>Log in with your phone</h1><p>Scan the QR code with the chat app.</p><img alt="QR" src="${asset('chat.png', qrPng('https://web.chat.test/login?token=Zm9vYmFyYmF6'))}">` }));
add('decoy-malformed-otpauth.html', [], () => ({ body: `<h1>Set up two-factor authentication</h1><img alt="QR" src="${asset('malformed.png', qrPng(`otpauth://totp/Broken:x?secret=${secret()}&issuer=Broken&digits=4`))}">${form}` }));
add('decoy-no-secret-otpauth.html', [], () => ({ body: `<h1>Set up two-factor authentication</h1><img alt="QR" src="${asset('no-secret.png', qrPng('otpauth://totp/NoSecret:x?issuer=NoSecret'))}">` }));
add('decoy-2fa-text-no-qr.html', [], () => ({ body: `<h1>Two-factor authentication</h1><p>Open your authenticator app and enter the code.</p>${form}<img alt="Company logo" width="200" height="200" src="${asset('photo.png', photo())}">` }));
// A modal that opens after the offer appeared makes the rest of the page inert: the offer must follow it.
add('enrol-modal-after-offer.html', ['otpauth://totp/Modal%20Later:vic%40example.com?secret=M4DALLATERVICTESTSECRETQRM4DAL23&issuer=Modal%20Later'], ([u]) => ({ body: `<h1>Two-factor authentication</h1><img alt="QR" src="${asset('modal-later.png', qrPng(u))}"><dialog id="d">${form}</dialog><script>setTimeout(()=>document.getElementById('d').showModal(),1500)</script>`, wait: 2200 }));

function photo() {
  const png = new PNG({ width: 200, height: 200 });
  for (let i = 0; i < png.data.length; i += 4) {
    const p = i / 4;
    png.data[i] = (p % 200) + 30;
    png.data[i + 1] = Math.floor(p / 200) + 20;
    png.data[i + 2] = 150;
    png.data[i + 3] = 255;
  }
  return PNG.sync.write(png);
}

for (const [file, expect, make] of cases) page(file, { expect, ...make(expect) });
console.log(`wrote ${cases.length} pages`);
