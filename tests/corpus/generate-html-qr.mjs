// Writes the corpus pages whose QR code is drawn with HTML elements (committed; run again only to change
// them): node tests/corpus/generate-html-qr.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import QRCode from 'qrcode';

const here = dirname(fileURLToPath(import.meta.url));
const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const px = (n) => `${n.toFixed(6)}px`; // tc-lib-barcode prints sprintf('%F')

/** tc-lib-barcode's getHtmlDiv (src/Barcode.php): a relative div, one absolute div per run of dark modules. */
function tcLibHtmlDiv(text, side, padModules) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'L' });
  const n = qr.modules.size;
  const unit = side / n;
  const pad = padModules * unit;
  let html = `<div style="width:${px(side + 2 * pad)};height:${px(side + 2 * pad)};position:relative;font-size:0;border:none;padding:0;margin:0;background-color:rgba(100%,100%,100%,1);">\n`;
  for (let y = 0; y < n; y++)
    for (let x = 0; x < n; x++) {
      if (!qr.modules.get(x, y)) continue;
      let run = 1;
      while (x + run < n && qr.modules.get(x + run, y)) run++;
      html += `\t<div style="background-color:rgba(0%,0%,0%,1);left:${px(pad + x * unit)};top:${px(pad + y * unit)};width:${px(run * unit)};height:${px(unit)};position:absolute;border:none;padding:0;margin:0;">&nbsp;</div>\n`;
      x += run - 1;
    }
  return `${html}</div>`;
}

/** HTML::Barcode::QRCode (CPAN HTML-Barcode): a table of td.hbc_on / td.hbc_off cells with inline colours. */
function htmlBarcodeTable(text, cell) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const td = (on) => `<td style="border:0;margin:0;padding:0;width:${cell}px;height:${cell}px;background-color:${on ? '#000' : '#fff'};color:inherit;text-align:center;" class="hbc_${on ? 'on' : 'off'}"></td>`;
  let html = '<table style="border:0;margin:0;padding:0;border-spacing:0;" class="hbc">';
  for (let y = 0; y < n; y++) {
    html += '<tr style="border:0;margin:0;padding:0;">';
    for (let x = 0; x < n; x++) html += td(qr.modules.get(x, y));
    html += '</tr>';
  }
  return `${html}</table>`;
}

const snipe = 'otpauth://totp/Snipe-IT%20Demo:jdoe?secret=PDWKD6KWH7BLH3KZWQPVQAVG3OGD5Y7R&issuer=Snipe-IT&period=30';
writeFileSync(
  join(here, 'enrol-html-div-snipeit.html'),
  `<!doctype html>
<!-- Rebuilt from Snipe-IT's two-factor enrolment page: resources/views/auth/two_factor_enroll.blade.php
     (github.com/snipe/snipe-it), whose QR is {!! $barcode_obj->getHtmlDiv() !!} from tc-lib-barcode
     (github.com/tecnickcom/tc-lib-barcode, src/Barcode.php getHtmlDiv: absolutely positioned divs at fractional
     px, one per run of dark modules), texts from resources/lang/en-US/admin/settings/general.php. -->
<html lang="en"><head><meta charset="utf-8"><title>Snipe-IT Demo :: Two-Factor Enrollment</title>
<meta name="corpus:kind" content="enrol">
<meta name="corpus:host" content="snipeit.corpus.test">
<meta name="corpus:expect-account" content="${esc(snipe)}">
<style>body{font-family:"Source Sans Pro",sans-serif;background:#ecf0f5} .login-box{width:360px;margin:7% auto;background:#fff;padding:20px} .text-center{text-align:center} .text-center>div{margin:0 auto}</style>
</head><body>
<div class="container"><div class="row"><div class="col-md-4 col-md-offset-4">
<form role="form" action="/two-factor" method="POST"><div class="box login-box">
<div class="box-header"><h2 class="box-title"> Two-Factor Enrollment</h2></div>
<div class="login-box-body"><div class="row">
<div class="col-md-12">Two factor authentication is required, however your device has not been enrolled yet. Open your Google Authenticator app and scan the QR code below to enroll your device. Once you've enrolled your device, enter the code below</div>
<div class="col-md-12 text-center">
${tcLibHtmlDiv(snipe, 300, 2)}
</div></div>
<div class="row"><div class="col-md-12"><input type="hidden" name="_token" value="corpus">
<fieldset><div class="form-group"><input class="form-control" placeholder="Two-Factor Code" name="two_factor_secret" type="text" aria-label="two_factor_secret" autofocus></div></fieldset>
</div></div></div>
<div class="box-footer"><button class="btn btn-lg btn-primary btn-block">Submit Code</button></div>
</div></form></div></div></div>
</body></html>
`,
);

const perl = 'otpauth://totp/Intranet%20Wiki:ops%40example.org?secret=NB2W45DFOIZA5HTLFDTTY6OTK4QDANQ7&issuer=Intranet%20Wiki';
writeFileSync(
  join(here, 'enrol-html-table.html'),
  `<!doctype html>
<!-- A set-up page whose QR code is a table of coloured cells, as HTML::Barcode::QRCode renders it (CPAN
     distribution HTML-Barcode: table.hbc, td.hbc_on / td.hbc_off with inline width, height and
     background-color, border-spacing 0). -->
<html lang="en"><head><meta charset="utf-8"><title>Intranet Wiki · Two-factor authentication</title>
<meta name="corpus:kind" content="enrol">
<meta name="corpus:host" content="wiki.corpus.test">
<meta name="corpus:expect-account" content="${esc(perl)}">
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;color:#222} .qr{padding:24px;background:#fff;display:inline-block}</style>
</head><body>
<h1>Two-factor authentication</h1>
<p>Scan this code with your authenticator app, then enter the code it shows.</p>
<div class="qr">${htmlBarcodeTable(perl, 6)}</div>
<form><label for="code">Code</label> <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6"> <button type="button">Verify</button></form>
</body></html>
`,
);
