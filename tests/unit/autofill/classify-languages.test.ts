// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { classifyField } from '@/lib/autofill/classify';
import { addWords } from '@/lib/autofill/words';
import { LANGUAGE_WORDS } from '@/lib/autofill/words/languages';

addWords(LANGUAGE_WORDS);

/**
 * Real snippets per language: the apps' own markup with their own translations.
 * - Nextcloud twofactor_totp templates/challenge.php with l10n/<lang>.json (6eab99e): "Authentication code" as the
 *   placeholder, "Get the authentication code from the two-factor authentication app on your device." above it.
 *   Here without its autocomplete=one-time-code, so the words alone must decide.
 * - Okta sign-in widget (login_<lang>.properties): oie.verify.google_authenticator.otp.title as the heading,
 *   mfa.challenge.enterCode.placeholder ("Enter Code") as the label of `credentials.passcode` / `input61`.
 * - Okta email.code.label ("Verification code") under oie.phone.verify.sms.codeSentText ("A code was sent to").
 * - django-two-factor-auth two_factor/locale/<lang>/LC_MESSAGES/django.po: "Backup Tokens" (the recovery step).
 */
const LANGUAGES: { lang: string; authCode: string; hint: string; verifyWith: string; enterCode: string; verificationCode: string; sentTo: string; backup: string }[] = [
  { lang: 'en', authCode: 'Authentication code', hint: 'Get the authentication code from the two-factor authentication app on your device.', verifyWith: 'Verify with Google Authenticator', enterCode: 'Enter Code', verificationCode: 'Verification code', sentTo: 'A code was sent to', backup: 'Backup Tokens' },
  { lang: 'de', authCode: 'Authentifizierungscode', hint: 'Erhalte den Authentifizierungscode von der Zwei-Faktor-Authentifizierungs-App auf deinem Gerät.', verifyWith: 'Mit Google Authenticator verifizieren', enterCode: 'Code eingeben', verificationCode: 'Verifizierungscode', sentTo: 'Ein Code wurde gesendet an', backup: 'Ersatz-Codes' },
  { lang: 'fr', authCode: 'Code d’authentification', hint: "Récupérez un code d'authentification à partir de l'application d'authentification à deux facteurs de votre appareil.", verifyWith: 'Vérifier avec Google Authenticator', enterCode: 'Saisir le code', verificationCode: 'Code de vérification', sentTo: 'Un code a été envoyé au', backup: 'Jetons de secours' },
  { lang: 'es', authCode: 'Código de autentificación', hint: 'Consigue el código de autenticación de dos factores en la aplicación de tu dispositivo móvil.', verifyWith: 'Verificar con Google Authenticator', enterCode: 'Introducir código', verificationCode: 'Código de verificación', sentTo: 'Se envió un código a', backup: 'Códigos de Respaldo' },
  { lang: 'it', authCode: 'Codice di autenticazione', hint: "Ottieni il codice di autenticazione dall'applicazione di autenticazione con due fattori sul tuo dispositivo.", verifyWith: 'Verifica con Google Authenticator', enterCode: 'Immettere il codice', verificationCode: 'Codice di verifica', sentTo: 'Il codice è stato inviato a', backup: 'Token di backup' },
  { lang: 'pt', authCode: 'Código de autenticação', hint: 'Obtenha o código de autenticação do aplicativo de autenticação de dois fatores em seu dispositivo.', verifyWith: 'Verificar com o Google Authenticator', enterCode: 'Digite o código', verificationCode: 'Código de verificação', sentTo: 'O código foi enviado para', backup: 'Códigos reserva' },
  { lang: 'nl', authCode: 'Authenticatie code', hint: 'Haal de verificatiecode op uit de app voor twee-factor authenticatie op je apparaat.', verifyWith: 'Verifieer met Google Authenticator', enterCode: 'Code invoeren', verificationCode: 'Verificatiecode', sentTo: 'Er is een code verzonden naar', backup: 'Backuptokens' },
  { lang: 'pl', authCode: 'Kod uwierzytelnienia', hint: 'Pobierz kod uwierzytelnienia z aplikacji uwierzytelniania dwuskładnikowego na swoim urządzeniu.', verifyWith: 'Zweryfikuj za pomocą aplikacji Google Authenticator', enterCode: 'Wprowadź kod', verificationCode: 'Kod weryfikacyjny', sentTo: 'Kod został wysłany pod numer', backup: 'Zapasowe Tokeny' },
  { lang: 'ru', authCode: 'Код аутентификации', hint: 'Введите одноразовый код из приложения двухфакторной аутентификации.', verifyWith: 'Проверить с помощью Google Authenticator', enterCode: 'Ввести код', verificationCode: 'Код проверки', sentTo: 'Код был отправлен на', backup: 'Резервные токены' },
  { lang: 'uk', authCode: 'Код авторизації', hint: 'Зазначте одноразовий код доступу, який було зґенеровано у застосунку двофакторної авторизації на вашому пристрої.', verifyWith: 'Підтвердити за допомогою Google Authenticator', enterCode: 'Ввести код', verificationCode: 'Код верифікації', sentTo: 'Код надіслано на', backup: 'Резервні коди' },
  { lang: 'cs', authCode: 'Ověřovací kód', hint: 'Získat ověřovací kód z aplikace na vašem přístroji.', verifyWith: 'Ověřte pomocí Google Authenticator', enterCode: 'Zadat kód', verificationCode: 'Ověřovací kód', sentTo: 'Kód byl odeslán na', backup: 'Záložní tokeny' },
  { lang: 'sv', authCode: 'Autentiseringskod', hint: 'Hämta autentiseringskoden från appen för tvåfaktorsautentisering på din enhet.', verifyWith: 'Verifiera med Google Authenticator', enterCode: 'Ange kod', verificationCode: 'Verifieringskod', sentTo: 'En kod har skickats till', backup: 'Förinställda engångskoder' },
  { lang: 'tr', authCode: 'Kimlik doğrulama kodu', hint: 'Aygıtınızda yüklü iki adımlı doğrulama uygulamasından kodu alın.', verifyWith: "Google Authenticator'ı doğrulayın", enterCode: 'Kodu Girin', verificationCode: 'Doğrulama kodu', sentTo: 'Şuraya bir kod gönderildi:', backup: 'Kurtarma Kodları' },
  { lang: 'el', authCode: 'Κώδικας πιστοποίησης', hint: 'Παραλάβετε τον κωδικό πιστοποίησης από την εφαρμογή δύο-παραγόντων στην συσκευή σας.', verifyWith: 'Επαλήθευση με το Google Authenticator', enterCode: 'Πληκτρολογήστε τον κωδικό', verificationCode: 'Κωδικός επαλήθευσης', sentTo: 'Ένας κωδικός στάλθηκε στο', backup: 'Εφεδρικοί κωδικοί' },
  { lang: 'ja', authCode: '認証コード', hint: 'デバイスの二要素認証アプリで認証コードを取得してください。', verifyWith: 'Google Authenticatorで確認', enterCode: 'コードを入力します', verificationCode: '検証コード', sentTo: 'コードが次の宛先に送信されました：', backup: 'バックアップトークン' },
  { lang: 'zh', authCode: '验证码', hint: '从您设备上的两步验证应用获取验证码', verifyWith: '使用 Google Authenticator 验证', enterCode: '输入代码', verificationCode: '验证码', sentTo: '代码已发送至', backup: '备用验证码' },
  { lang: 'ko', authCode: '인증 코드', hint: '내 장치에 있는 2단계 인증 앱에서 인증 코드를 확인하십시오.', verifyWith: 'Google Authenticator로 확인', enterCode: '코드 입력', verificationCode: '확인 코드', sentTo: '코드가 다음 연락처로 전송되었습니다:', backup: '백업 코드' },
];

function field(html: string): HTMLInputElement {
  document.body.innerHTML = html;
  const input = document.querySelector<HTMLInputElement>('[data-field]') ?? document.querySelector('input');
  if (!input) throw new Error('no input');
  return input;
}

describe.each(LANGUAGES)('classifier in $lang', (t) => {
  it('Nextcloud challenge: placeholder “Authentication code”, no autocomplete hint', () => {
    const verdict = classifyField(field(`<p>${t.hint}</p><form method="POST" class="totp-form"><input type="text" minlength="6" maxlength="10" name="challenge" placeholder="${t.authCode}"></form>`));
    expect(verdict, verdict.reason).toMatchObject({ otp: true, sent: false });
  });
  it('Okta: the one field under “Verify with Google Authenticator”, labelled “Enter code”, id input61', () => {
    const verdict = classifyField(field(`<form><h2>${t.verifyWith}</h2><label for="input61">${t.enterCode}</label><input type="text" name="credentials.passcode" id="input61" autocomplete="off"></form>`));
    expect(verdict, verdict.reason).toMatchObject({ otp: true, sent: false });
  });
  it('Okta, field named `answer` whose only signal is the heading', () => {
    const verdict = classifyField(field(`<form><h2>${t.verifyWith}</h2><div><input type="text" name="answer" id="input61"></div><input type="submit"></form>`));
    expect(verdict, verdict.reason).toMatchObject({ otp: true });
  });
  it('a code that was sent (SMS, e-mail) is marked as sent', () => {
    const verdict = classifyField(field(`<form><h2>SMS</h2><p>${t.sentTo} +1 XXX-XXX-2424</p><label for="c">${t.verificationCode}</label><input id="c" name="code" type="text" maxlength="6"></form>`));
    expect(verdict, verdict.reason).toMatchObject({ otp: true, sent: true });
  });
  it('a backup/recovery code field beside it is never a one-time-code field', () => {
    const verdict = classifyField(field(`<form><h2>${t.verifyWith}</h2><label for="b">${t.backup}</label><input id="b" name="backup-otp_token" data-field type="text" maxlength="8"></form>`));
    expect(verdict, verdict.reason).toMatchObject({ otp: false, excluded: true });
  });
});

describe('fields whose only signal is around them, and recovery fields (English)', () => {
  it('DrChrono: `token` labelled “Authy token”, 7 digits', () => {
    expect(classifyField(field('<form><label for="id_token">Authy token</label><input type="text" name="token" id="id_token" maxlength="7"></form>')).otp).toBe(true);
  });
  it.each([
    ['django-two-factor-auth backup step', '<form><p>Use this form for entering backup tokens for logging in.</p><label for="id_backup-otp_token">Token:</label><input type="text" name="backup-otp_token" id="id_backup-otp_token"></form>'],
    ['GitHub recovery', '<form><label for="recovery_code">Recovery code</label><input id="recovery_code" name="recovery_code" class="two-factor-backup-code" autocomplete="off"></form>'],
    ['named two-factor-backup-code', '<input name="two-factor-backup-code" maxlength="8">'],
    ['8-character alphanumeric placeholder', '<input name="otp" placeholder="a1b2c3d4">'],
    ['grouped placeholder', '<input name="code" placeholder="XXXX-XXXX">'],
  ])('%s: never filled', (_name, html) => {
    expect(classifyField(field(html))).toMatchObject({ otp: false, excluded: true });
  });
  it('a backup field whose label says “one-time code” (django-two-factor-auth in Swedish: “Engångskod”) is a recovery field by its name', () => {
    expect(classifyField(field('<form><h1>Förinställda engångskoder</h1><label for="id_backup-otp_token">Engångskod:</label><input type="text" name="backup-otp_token" id="id_backup-otp_token" autocomplete="one-time-code"></form>'))).toMatchObject({ otp: false, excluded: true });
  });
  it('a field that takes either the app code or a backup code is still a code field (Discord)', () => {
    expect(classifyField(field('<input aria-label="Enter Discord Auth/Backup Code" placeholder="6-digit authentication code" maxlength="10">')).otp).toBe(true);
  });
  it('a name field on a 2FA settings form is not a code field', () => {
    expect(classifyField(field('<form><h2>Two-factor authentication</h2><label>Device name <input name="device"></label></form>')).otp).toBe(false);
  });
});

describe('never, in other languages', () => {
  it.each([
    ['de PLZ', '<label>PLZ <input name="f1" maxlength="5" inputmode="numeric"></label>'],
    ['fr code postal', '<label>Code postal <input name="f1" maxlength="5" inputmode="numeric"></label>'],
    ['ru password', '<label>Пароль <input name="f1" type="text"></label>'],
    ['zh captcha', '<label>图形验证码 <input name="f1" maxlength="6"></label>'],
    ['ja phone', '<label>電話番号 <input name="f1" type="tel" maxlength="8"></label>'],
    ['es promo', '<label>Código promocional <input name="f1" maxlength="8"></label>'],
  ])('%s', (_name, html) => {
    expect(classifyField(field(html)).otp).toBe(false);
  });
});
