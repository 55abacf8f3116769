// Generates the corpus pages rebuilt from real apps' two-factor templates and their own translation files, in
// many languages (committed, so the corpus stands alone). Run: node tests/corpus/generate-languages.mjs
// Each page names its sources in a comment at its top. Strings quoted from the apps' files are verbatim:
// - Okta sign-in widget, packages/@okta/i18n/src/properties/login_<lang>.properties (classic widget markup:
//   `<input type="text" name="answer" id="input61" autocomplete="off">` under the factor's title).
// - Nextcloud twofactor_totp, templates/challenge.php and l10n/<lang>.json (6eab99e); the backup-codes provider
//   (twofactor_backupcodes templates/challenge.php) puts its own `challenge` field on the same kind of page.
// - django-two-factor-auth, two_factor/templates/two_factor/core/login.html and
//   two_factor/locale/<lang>/LC_MESSAGES/django.po (05d32de): the backup step's field is `backup-otp_token`.
// - Gitea, templates/user/settings/security/twofa_enroll.tmpl (QR as a data: URL image without alt) with its default
//   APP_NAME "Gitea: Git with a cup of tea" as the issuer (pquerna/otp writes `issuer:account` unescaped).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';

const here = dirname(fileURLToPath(import.meta.url));
let seed = 20261130;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const secret = (n = 32) => Array.from({ length: n }, () => ALPHABET[Math.floor(random() * 32)]).join('');
const esc = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const STYLE = '<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2em auto;color:#222} label{display:block;margin:.6em 0 .2em} input{font-size:1.1em;padding:.3em;margin:.2em} .boxes input{width:1.6em;text-align:center}</style>';

function page(file, { lang, kind, host, source, title, metas = [], body }) {
  const head = [`<meta name="corpus:kind" content="${kind}">`, `<meta name="corpus:host" content="${host}">`, `<meta name="corpus:lang" content="${lang}">`, ...metas];
  writeFileSync(join(here, file), `<!doctype html>\n<!-- ${source.replace(/--/g, '- -')} -->\n<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(title)}</title>\n${head.join('\n')}\n${STYLE}\n</head><body>\n${body}\n</body></html>\n`);
  count++;
}
let count = 0;
const account = (uri, site) => [`<meta name="corpus:account" content="${esc(uri)}">`, `<meta name="corpus:account-site" content="${site}">`];
const expect = (uri) => `<meta name="corpus:expect-account" content="${esc(uri)}">`;

function qrModules(text) {
  return QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
}
function qrPngDataUrl(text, size = 256) {
  const modules = qrModules(text);
  const n = modules.size + 8;
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const mx = Math.floor((x / size) * n) - 4;
      const my = Math.floor((y / size) * n) - 4;
      const on = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(mx, my);
      const i = (y * size + x) * 4;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = on ? 0 : 255;
      png.data[i + 3] = 255;
    }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}
function qrSvg(text, size = 220) {
  const modules = qrModules(text);
  const n = modules.size;
  let d = '';
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (modules.get(x, y)) d += `M${x + 4} ${y + 4}h1v1h-1z`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n + 8} ${n + 8}" width="${size}" height="${size}"><rect width="100%" height="100%" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

// ---------------------------------------------------------------------------------------------------------------
// Okta classic widget, per language: title oie.verify.google_authenticator.otp.title, label
// mfa.challenge.enterCode.placeholder; the code field is `answer`/`input61`, nothing else names it.
const OKTA = {
  en: ['Verify with Google Authenticator', 'Enter Code', 'Verify'],
  de: ['Mit Google Authenticator verifizieren', 'Code eingeben', 'Verifizieren'],
  fr: ['Vérifier avec Google Authenticator', 'Saisir le code', 'Vérifier'],
  es: ['Verificar con Google Authenticator', 'Introducir código', 'Verificar'],
  it: ['Verifica con Google Authenticator', 'Immettere il codice', 'Verifica'],
  pt: ['Verificar com o Google Authenticator', 'Digite o código', 'Verificar'],
  nl: ['Verifieer met Google Authenticator', 'Code invoeren', 'Verifiëren'],
  pl: ['Zweryfikuj za pomocą aplikacji Google Authenticator', 'Wprowadź kod', 'Zweryfikuj'],
  ru: ['Проверить с помощью Google Authenticator', 'Ввести код', 'Проверить'],
  uk: ['Підтвердити за допомогою Google Authenticator', 'Ввести код', 'Підтвердити'],
  cs: ['Ověřte pomocí Google Authenticator', 'Zadat kód', 'Ověřit'],
  sv: ['Verifiera med Google Authenticator', 'Ange kod', 'Verifiera'],
  tr: ["Google Authenticator'ı doğrulayın", 'Kodu Girin', 'Doğrula'],
  el: ['Επαλήθευση με το Google Authenticator', 'Πληκτρολογήστε τον κωδικό', 'Επαλήθευση'],
  ja: ['Google Authenticatorで確認', 'コードを入力します', '確認'],
  zh: ['使用 Google Authenticator 验证', '输入代码', '验证'],
  ko: ['Google Authenticator로 확인', '코드 입력', '확인'],
};
for (const [lang, [title, enterCode, verify]] of Object.entries(OKTA)) {
  if (lang === 'en') continue;
  page(`signin-okta-answer-${lang}.html`, {
    lang,
    kind: 'signin',
    host: 'acme.okta.test',
    source: `Rebuilt from okta/okta-signin-widget: classic MFA challenge markup (field name="answer", id="input61"), strings from packages/@okta/i18n/src/properties/login_${lang === 'pt' ? 'pt_BR' : lang === 'nl' ? 'nl_NL' : lang === 'zh' ? 'zh_CN' : lang}.properties (oie.verify.google_authenticator.otp.title, mfa.challenge.enterCode.placeholder). Label-only field: no autocomplete, no maxlength.`,
    title,
    metas: account(`otpauth://totp/Okta:grace@acme.test?secret=${secret()}&issuer=Okta`, 'okta.test'),
    body: `<main><div class="okta-sign-in-header"><img alt="Acme" width="160" height="40" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></div><form class="o-form" novalidate><div class="o-form-content"><h2 class="okta-form-title o-form-head">${esc(title)}</h2><div class="o-form-fieldset-container"><div class="o-form-fieldset"><div class="o-form-input"><span class="o-form-input-name-answer"><input type="text" placeholder="${esc(enterCode)}" name="answer" id="input61" value="" aria-label="" autocomplete="off" data-corpus-expect="code"></span></div></div></div></div><div class="o-form-button-bar"><input class="button button-primary" type="submit" value="${esc(verify)}"></div></form></main>`,
  });
}

// Nextcloud: the TOTP challenge and, beside it, the backup-codes challenge (a recovery-code decoy).
const NEXTCLOUD = {
  de: ['Authentifizierungscode', 'Erhalte den Authentifizierungscode von der Zwei-Faktor-Authentifizierungs-App auf deinem Gerät.', 'Backup-Code', 'Übermitteln'],
  fr: ['Code d’authentification', "Récupérez un code d'authentification à partir de l'application d'authentification à deux facteurs de votre appareil.", 'Code de récupération', 'Soumettre'],
  es: ['Código de autentificación', 'Consigue el código de autenticación de dos factores en la aplicación de tu dispositivo móvil.', 'Código de respaldo', 'Enviar'],
  ru: ['Код аутентификации', 'Введите одноразовый код из приложения двухфакторной аутентификации.', 'Резервный код', 'Отправить'],
  ja: ['認証コード', 'デバイスの二要素認証アプリで認証コードを取得してください。', 'バックアップコード', '送信'],
  zh: ['验证码', '从您设备上的两步验证应用获取验证码', '备用验证码', '提交'],
  ko: ['인증 코드', '내 장치에 있는 2단계 인증 앱에서 인증 코드를 확인하십시오.', '백업 코드', '제출'],
  pl: ['Kod uwierzytelnienia', 'Pobierz kod uwierzytelnienia z aplikacji uwierzytelniania dwuskładnikowego na swoim urządzeniu.', 'Kod zapasowy', 'Wyślij'],
};
for (const [lang, [authCode, hint, backup, submit]] of Object.entries(NEXTCLOUD)) {
  page(`signin-nextcloud-backup-decoy-${lang}.html`, {
    lang,
    kind: 'signin',
    host: 'cloud.example.test',
    source: `Rebuilt from nextcloud/twofactor_totp templates/challenge.php with l10n/${lang === 'zh' ? 'zh_CN' : lang}.json (6eab99e) ("Authentication code", its hint), without its autocomplete hint; beside it the backup-code challenge of nextcloud/twofactor_backupcodes templates/challenge.php (its own field is also named "challenge"). Recovery-code decoy beside a TOTP field.`,
    title: authCode,
    metas: account(`otpauth://totp/Nextcloud:ada?secret=${secret()}&issuer=Nextcloud`, 'example.test'),
    body: `<div class="body-login-container"><img class="two-factor-icon two-factor-totp-icon" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""><p>${esc(hint)}</p><form method="POST" class="totp-form"><input type="text" minlength="6" maxlength="10" name="challenge" required="required" autofocus inputmode="numeric" autocapitalize="off" placeholder="${esc(authCode)}" data-corpus-expect="code"><button class="primary two-factor-submit" type="submit">${esc(submit)}</button></form><hr><form method="POST" class="backupcodes-form"><input type="text" name="challenge" required="required" autocomplete="off" autocapitalize="off" placeholder="${esc(backup)}" data-corpus-expect="untouched"><button class="primary" type="submit">${esc(submit)}</button></form></div>`,
  });
}

// django-two-factor-auth's backup-token step alone: the field is a recovery field, never filled (bound account).
const DJANGO_BACKUP = {
  pl: ['Zapasowe Tokeny', 'Token'],
  cs: ['Záložní tokeny', 'Token'],
  sv: ['Förinställda engångskoder', 'Engångskod'],
  nl: ['Backuptokens', 'Token'],
  pt: ['Códigos reserva', 'Código'],
  it: ['Token di backup', 'Token'],
};
for (const [lang, [backupTokens, token]] of Object.entries(DJANGO_BACKUP)) {
  page(`decoy-django-backup-token-${lang}.html`, {
    lang,
    kind: 'signin',
    host: 'shop.example.test',
    source: `Rebuilt from jazzband/django-two-factor-auth two_factor/templates/two_factor/core/login.html (backup step, wizard field backup-otp_token) with two_factor/locale/${lang === 'pt' ? 'pt_BR' : lang}/LC_MESSAGES/django.po (05d32de): "Backup Tokens", "Token". A recovery field with "otp" in its name: never filled.`,
    title: backupTokens,
    metas: account(`otpauth://totp/Shop:ada?secret=${secret()}&issuer=Shop`, 'example.test'),
    body: `<h1>${esc(backupTokens)}</h1><form action="" method="post"><input type="hidden" name="login_view-current_step" value="backup"><p><label for="id_backup-otp_token">${esc(token)}:</label> <input type="text" name="backup-otp_token" autofocus="autofocus" inputmode="numeric" autocomplete="one-time-code" id="id_backup-otp_token" data-corpus-expect="untouched"></p><button type="submit">OK</button></form>`,
  });
}

// Okta e-mail/SMS verification per language: a code that was sent, and the account is not bound to this site.
const OKTA_SENT = {
  de: ['Ein Code wurde gesendet an', 'Verifizierungscode'],
  fr: ['Un code a été envoyé au', 'Code de vérification'],
  it: ['Il codice è stato inviato a', 'Codice di verifica'],
  tr: ['Şuraya bir kod gönderildi:', 'Doğrulama kodu'],
  el: ['Ένας κωδικός στάλθηκε στο', 'Κωδικός επαλήθευσης'],
  ja: ['コードが次の宛先に送信されました：', '検証コード'],
};
for (const [lang, [sentTo, verificationCode]] of Object.entries(OKTA_SENT)) {
  page(`decoy-okta-sms-${lang}.html`, {
    lang,
    kind: 'signin',
    host: 'acme.okta.test',
    source: `Rebuilt from okta/okta-signin-widget phone/e-mail challenge, strings from packages/@okta/i18n/src/properties/login_${lang}.properties (oie.phone.verify.sms.codeSentText, email.code.label). A code sent by SMS: the Okta account is imported without a site, so nothing may fill it.`,
    title: verificationCode,
    metas: account(`otpauth://totp/Okta:grace@acme.test?secret=${secret()}&issuer=Okta`, '-'),
    body: `<form class="o-form"><h2 class="okta-form-title">SMS</h2><p class="okta-form-subtitle">${esc(sentTo)} +1 XXX-XXX-2424.</p><label for="input72">${esc(verificationCode)}</label><input type="text" name="credentials.passcode" id="input72" autocomplete="off" maxlength="6" data-corpus-expect="untouched"><input type="submit" class="button button-primary" value="OK"></form>`,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Split boxes with the pages' own handlers.
const boxes = (n, attrs) => Array.from({ length: n }, (_, i) => `<input ${attrs} aria-label="${i + 1}" data-corpus-expect="digit:${i}">`).join('');
page('signin-split-maxlength2-ko.html', {
  lang: 'ko',
  kind: 'signin',
  host: 'pay.example.test',
  source: 'Rebuilt after the auto-advancing OTP boxes of vue-otp-input / react-otp-input: maxlength=2 so an overtyped box takes the new digit; the input handler keeps the last character and moves focus on; focus selects. Korean heading "2단계 인증", label from Okta login_ko.properties ("코드 입력").',
  title: '2단계 인증',
  metas: account(`otpauth://totp/Pay:ada?secret=${secret()}&issuer=Pay`, 'example.test'),
  body: `<h1>2단계 인증</h1><p>인증 앱의 코드 입력</p><div class="boxes" id="otp">${boxes(6, 'type="text" inputmode="numeric" maxlength="2" autocomplete="one-time-code"')}</div>
<script>
const all = [...document.querySelectorAll('#otp input')];
all.forEach((input, i) => {
  input.addEventListener('input', () => { if (input.value.length > 1) input.value = input.value.slice(-1); if (input.value && all[i + 1]) all[i + 1].focus(); });
  input.addEventListener('focus', () => input.select());
});
</script>`,
});
page('signin-split-paste-spread-uk.html', {
  lang: 'uk',
  kind: 'signin',
  host: 'bank.example.test',
  source: 'Rebuilt after the paste/typing handlers of common OTP widgets (e.g. input-otp): an input of more than one character is spread over the following boxes, a single one moves focus on; a keydown handler writes the digit itself. Ukrainian strings from Okta login_uk.properties ("Ввести код") and Nextcloud twofactor_totp l10n/uk.json ("Код авторизації").',
  title: 'Код авторизації',
  metas: account(`otpauth://totp/Bank:olena?secret=${secret()}&issuer=Bank`, 'example.test'),
  body: `<h1>Код авторизації</h1><p>Ввести код</p><div class="boxes" id="otp">${boxes(6, 'type="tel" maxlength="1"')}</div>
<script>
const all = [...document.querySelectorAll('#otp input')];
const spread = (from, text) => { [...text].forEach((c, k) => { if (all[from + k]) all[from + k].value = c; }); all[Math.min(from + text.length, all.length - 1)].focus(); };
all.forEach((input, i) => {
  input.addEventListener('keydown', (e) => { if (/^\\d$/.test(e.key)) { e.preventDefault(); input.value = e.key; all[i + 1]?.focus(); } });
  input.addEventListener('input', () => { const v = input.value.replace(/\\D/g, ''); if (v.length > 1) spread(i, v); else if (v) all[i + 1]?.focus(); });
  input.addEventListener('paste', (e) => { e.preventDefault(); spread(i, (e.clipboardData?.getData('text') ?? '').replace(/\\D/g, '')); });
});
</script>`,
});
page('signin-drchrono-authy-token.html', {
  lang: 'en',
  kind: 'signin',
  host: 'app.drchrono.test',
  source: 'Rebuilt from DrChrono\'s two-factor sign-in (as reported in the issue): a field named "token" labelled "Authy token", 7 digits; nothing says "one-time code".',
  title: 'Two-step login',
  metas: account(`otpauth://totp/drchrono:doc?secret=${secret()}&issuer=drchrono&digits=7`, 'drchrono.test'),
  body: `<form method="post" action="/accounts/login/verify/"><label for="id_token">Authy token</label><input type="text" name="token" id="id_token" maxlength="7" data-corpus-expect="code"><button type="submit">Verify</button></form>`,
});
page('decoy-github-recovery-code.html', {
  lang: 'en',
  kind: 'signin',
  host: 'github.test',
  source: 'Rebuilt after GitHub\'s two-factor recovery page (sessions/two_factor/recovery): "Recovery code" field with class two-factor-backup-code, 8-character placeholder, beside the link back to the app code.',
  title: 'Two-factor recovery',
  metas: account(`otpauth://totp/GitHub:octo?secret=${secret()}&issuer=GitHub`, 'github.test'),
  body: `<h1>Two-factor recovery</h1><form><label for="recovery_code">Recovery code</label><input id="recovery_code" name="recovery_code" class="form-control two-factor-backup-code" autocomplete="off" placeholder="XXXXX-XXXXX" data-corpus-expect="untouched"><button type="submit">Verify</button></form><p><a href="#">Use your authenticator app</a></p>`,
});

// ---------------------------------------------------------------------------------------------------------------
// Enrolment pages in other languages; their images have no English alt text (or none at all).
const gitea = (lang, heading, scan, passcode) => {
  const issuer = 'Gitea: Git with a cup of tea (https://git.example.org)';
  const s = secret();
  // pquerna/otp: Path "/" + issuer + ":" + account (escaped as a path), query from url.Values (spaces as "+").
  const uri = `otpauth://totp/${encodeURI(`${issuer}:alice`).replace(/%20/g, '%20')}?algorithm=SHA1&digits=6&issuer=${encodeURIComponent(issuer).replace(/%20/g, '+')}&period=30&secret=${s}`;
  page(`enrol-gitea-colon-issuer-${lang}.html`, {
    lang,
    kind: 'enrol',
    host: 'git.example.org',
    source: `Rebuilt from go-gitea/gitea templates/user/settings/security/twofa_enroll.tmpl: the QR is an <img> of a data: URL with no alt; issuer = Gitea's default APP_NAME with its colon, label written by pquerna/otp. Headings written after options/locale/locale_${lang}.ini keys settings.twofa_enroll, settings.scan_this_image, passcode (wording ours).`,
    title: heading,
    metas: [expect(uri)],
    body: `<div class="user-setting-content"><h4 class="ui top attached header">${esc(heading)}</h4><div class="ui attached segment"><p>${esc(scan)}</p><div class="tw-mx-auto"><img width="256" height="256" src="${qrPngDataUrl(uri)}"></div><p>${s}</p><form class="ui form" method="post"><div class="inline required field"><label for="passcode">${esc(passcode)}</label><input id="passcode" name="passcode" autocomplete="off" required></div></form></div></div>`,
  });
};
gitea('de', 'Zwei-Faktor-Authentifizierung einrichten', 'Scanne das Bild mit deiner Authentifizierungs-App:', 'Passcode');
gitea('ja', '二要素認証の登録', '認証アプリでこの画像をスキャンしてください:', 'パスコード');
gitea('ru', 'Настройка двухфакторной аутентификации', 'Отсканируйте это изображение приложением-аутентификатором:', 'Код');

const nextcloudEnrol = (lang, scan, testCode, draw) => {
  const s = secret();
  const uri = `otpauth://totp/Nextcloud%3Aada?secret=${s}&issuer=Nextcloud`;
  page(`enrol-nextcloud-${draw}-${lang}.html`, {
    lang,
    kind: 'enrol',
    host: 'cloud.example.test',
    source: `Rebuilt from nextcloud/twofactor_totp's personal settings set-up step (src/components/PersonalTotpSettings, QR of the otpauth link) with l10n/${lang === 'zh' ? 'zh_CN' : lang}.json (6eab99e): "For quick setup, scan this QR code with your TOTP app:", "After you configured your app, enter a test code below…". QR drawn as ${draw}, no alt/label text.`,
    title: 'TOTP',
    metas: [expect(uri), ...(draw === 'canvas' ? ['<meta name="corpus:wait-ms" content="500">'] : [])],
    body: `<div id="twofactor-totp-settings"><h2>TOTP</h2><p>${esc(scan)}</p>${
      draw === 'img'
        ? `<img width="200" height="200" src="${qrPngDataUrl(uri, 200)}">`
        : draw === 'svg'
          ? `<div class="qr">${qrSvg(uri)}</div>`
          : draw === 'canvas'
            ? `<canvas id="qr" width="220" height="220"></canvas><script>(()=>{const i=new Image();i.onload=()=>document.getElementById('qr').getContext('2d').drawImage(i,0,0,220,220);i.src='${qrPngDataUrl(uri, 220)}'})()</script>`
            : `<div style="width:220px;height:220px;background:url('${qrPngDataUrl(uri, 220)}') center/contain no-repeat"></div>`
    }<p>${esc(testCode)}</p><input type="tel" name="confirm-code" placeholder="000000"></div>`,
  });
};
nextcloudEnrol('zh', '为快速设置，请使用 TOTP 应用扫描此二维码：', '在配置您的应用后，请在下面输入测试代码以确保一切工作正常：', 'img');
nextcloudEnrol('ko', '빠른 설정을 위해 TOTP 앱으로 이 QR 코드를 스캔하십시오:', '앱을 설정한 후 아래에 테스트 코드를 입력하여 모든 것이 올바르게 작동하는지 확인하십시오:', 'svg');
nextcloudEnrol('es', 'Para una configuración rápida, escanea este código QR con tu app TOTP:', 'Después de configurar la app, introduce un código de prueba para asegurar que todo funciona correctamente:', 'canvas');
nextcloudEnrol('it', 'Per una configurazione rapida, scansiona questo codice QR con la tua applicazione TOTP:', "Dopo aver configurato l'applicazione, digita un codice di prova qui sotto per assicurarti che tutto funzioni correttamente:", 'background');
nextcloudEnrol('el', 'Για γρήγορη εγκατάσταση, σαρώστε αυτόν τον κωδικό QR με την εφαρμογή TOTP:', 'Αφού ρυθμίσετε την εφαρμογή σας, εισαγάγετε έναν κωδικό δοκιμής παρακάτω:', 'img');
nextcloudEnrol('tr', 'Hızlı kurulum için bu kare kodu TOTP uygulamanız ile tarayın:', 'Uygulamanızı yapılandırdıktan sonra, her şeyin doğru çalıştığından emin olmak için aşağıya bir deneme kodu yazın:', 'svg');
nextcloudEnrol('uk', 'Для швидкого налаштування відскануйте цей QR-код застосунком TOTP:', 'Після налаштування застосунку введіть нижче тестовий код:', 'canvas');
nextcloudEnrol('sv', 'För snabb installation, skanna denna QR-kod med din TOTP-app:', 'Efter att du har konfigurerat din app, ange en testkod nedan:', 'img');
nextcloudEnrol('cs', 'Pro rychlé nastavení naskenujte tento QR kód svou TOTP aplikací:', 'Po nastavení aplikace zadejte níže testovací kód:', 'background');
nextcloudEnrol('nl', 'Voor snelle installatie, scan deze QR code met je TOTP app:', 'Nadat je de app hebt geconfigureerd, voer je hieronder een testcode in:', 'svg');

// A German GiroCode (EPC payment QR) on an invoice: a square two-tone image, but no account.
page('decoy-girocode-de.html', {
  lang: 'de',
  kind: 'enrol',
  host: 'shop.example.test',
  source: 'An invoice with a GiroCode (EPC069-12 SEPA credit transfer QR), as German shops print them: the gate may look, nothing may be offered.',
  title: 'Rechnung',
  body: `<h1>Rechnung 2026-0042</h1><p>Mit Ihrer Banking-App scannen und bezahlen:</p><img width="200" height="200" src="${qrPngDataUrl('BCD\n002\n1\nSCT\nBFSWDE33BER\nWikimedia Foerdergesellschaft\nDE33100205000001194700\nEUR10\n\n\nRechnung 2026-0042', 200)}">`,
});

console.log(`wrote ${count} pages`);
