import { describe, expect, it } from 'vitest';
import { addWords, allWords, hasWord, maskOneTimePasswords, toWords, WORDS } from '@/lib/autofill/words';
import { LANGUAGE_WORDS } from '@/lib/autofill/words/languages';

addWords(LANGUAGE_WORDS);

describe('toWords: one normal form for every script', () => {
  it.each([
    ['Latin, camelCase and separators', 'twoFactorCode otp_input one-time-code MFA2', ' two factor code otp input one time code mfa 2 '],
    ['Latin diacritics (French, Spanish, Czech, Polish, Turkish, Swedish)', 'Code de vérification · Código · Ověřovací kód · Wprowadź kod · Doğrulama kodu · Engångskod', ' code de verification codigo overovaci kod wprowadz kod dogrulama kodu engangskod '],
    ['Turkish dotless ı and dotted İ', 'Tek kullanımlık şifre İKİ', ' tek kullanimlik sifre iki '],
    ['German ß and umlauts', 'Bestätigungscode eingeben – Straße', ' bestatigungscode eingeben straße '],
    ['Cyrillic (Russian, Ukrainian) with ё and й', 'Одноразовый код: введите ЁЖ; Код підтвердження', ' одноразовыи код введите еж код підтвердження '],
    ['Greek with tonos and final sigma', 'Κωδικός επαλήθευσης', ' κωδικοσ επαληθευσησ '],
    ['Japanese kana with voiced marks, set apart from Latin', 'TOTP認証コードを入力', ' totp 認証コードを入力 '],
    ['Chinese', '请输入验证码。', ' 请输入验证码 '],
    ['Korean Hangul stays composed', '인증 코드 6자리', ' 인증 코드 6 자리 '],
    ['digits after letters split, before letters kept', 'code6 2fa', ' code 6 2fa '],
  ])('%s', (_name, text, words) => {
    expect(toWords(text)).toBe(words);
  });
});

describe('word entries match as words, stems or CJK substrings', () => {
  it.each([
    ['Einmalcode', 'strong', 'einmalcode'],
    ['code de vérification', 'strong', 'code de verification'],
    ['Código de verificación', 'strong', 'codigo de verificacion'],
    ['Введите код подтверждения', 'strong', 'код подтвержд*'],
    ['Одноразовый код', 'strong', 'одноразов* код*'],
    ['認証コード', 'strong', '認証コード'],
    ['请输入验证码', 'strong', '验证码'],
    ['인증코드', 'strong', '인증 코드'],
    ['인증 코드', 'strong', '인증 코드'],
    ['Kody zapasowe', 'recovery', 'kod* zapasow*'],
    ['バックアップコード', 'recovery', 'バックアップコード'],
    ['Код был отправлен на', 'sent', 'код был отправлен'],
  ] as const)('%s → %s “%s”', (text, category, entry) => {
    expect(allWords(toWords(text), category)).toContain(entry);
  });

  it('whole words only: “shotput” holds no “otp”, “cardinal” no “card”', () => {
    expect(hasWord(toWords('shotput'), 'strong')).toBeNull();
    expect(hasWord(toWords('cardinal'), 'never')).toBeNull();
  });

  it('a one-time password is not a password, in any language', () => {
    for (const text of ['One-time password', 'Одноразовый пароль', 'ワンタイムパスワード', '一次性密码', '일회용 비밀번호', '일회용비밀번호', 'Tek kullanımlık şifre', 'Mot de passe à usage unique']) {
      expect(hasWord(maskOneTimePasswords(toWords(text)), 'never'), text).toBeNull();
    }
    expect(hasWord(toWords('パスワード'), 'never')).toBe('パスワード');
  });

  it('covers the seventeen languages, each with code, recovery and sent words', () => {
    expect(Object.keys(WORDS).sort()).toEqual(['cs', 'de', 'el', 'en', 'es', 'fr', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'sv', 'tr', 'uk', 'zh']);
    for (const [language, row] of Object.entries(WORDS)) {
      for (const category of ['strong', 'weak', 'sent', 'recovery', 'never'] as const) expect(row[category], `${language} ${category}`).toBeTruthy();
    }
  });
});

describe('other languages arrive on demand', () => {
  it('the background answers a content script with every language but English', async () => {
    const { LANGUAGE_WORDS: rows } = await import('@/lib/autofill/words/languages');
    expect(Object.keys(rows)).not.toContain('en');
    expect(Object.keys(rows)).toHaveLength(16);
  });
});
