// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { classifyField } from '@/lib/autofill/classify';
import { findCodeTargets } from '@/lib/autofill/find';
import { fillCode } from '@/lib/autofill/fill';

function fieldIn(html: string): HTMLInputElement {
  document.body.innerHTML = html;
  const input = document.querySelector<HTMLInputElement>('[data-field]') ?? document.querySelector('input');
  if (!input) throw new Error('no input');
  return input;
}

// Real-world-style snippets: what sites write around their one-time-code fields.
const OTP_FIELDS: [string, string][] = [
  ['GitHub', '<form><label for="app_totp">Authentication code</label><input id="app_totp" name="app_otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6"></form>'],
  ['Google', '<input type="tel" name="totpPin" id="totpPin" aria-label="Enter code" pattern="[0-9 ]*" maxlength="9">'],
  ['Microsoft', '<input name="otc" id="idTxtBx_SAOTCC_OTC" type="tel" aria-label="Code" maxlength="8" placeholder="Code">'],
  ['AWS', '<input id="mfacode" name="mfaCode" type="text" placeholder="MFA code">'],
  ['Okta', '<label for="input69">Enter Code</label><input id="input69" name="credentials.passcode" type="text" autocomplete="off">'],
  ['Stripe', '<input name="code" autocomplete="one-time-code" aria-label="Authentication code">'],
  ['Dropbox', '<input name="code" type="text" aria-label="6-digit code" maxlength="6">'],
  ['GitLab', '<input id="user_otp_attempt" name="user[otp_attempt]" type="text" autocomplete="off">'],
  ['Atlassian', '<input id="two-step-verification-otp-code-input" type="text" inputmode="numeric">'],
  ['Slack', '<input data-field name="2fa_code" type="text" placeholder="123456">'],
  ['Cloudflare', '<input name="twofactor_token" type="text" autocomplete="one-time-code">'],
  ['DigitalOcean', '<input data-field name="otp" maxlength="6" inputmode="numeric">'],
  ['Bank', '<label>One-time password <input type="number" name="otpValue"></label>'],
  ['Heroku', '<input id="mfa-code" name="code" placeholder="Verification code">'],
  ['Bitbucket', '<input name="totpCode" inputmode="numeric" maxlength="6">'],
  ['npm', '<label for="login-otp">One-Time Password</label><input id="login-otp" name="otp" type="text">'],
  ['Discord', '<input aria-label="Enter Discord Auth/Backup Code" placeholder="6-digit authentication code" maxlength="10">'],
  ['Twitter', '<input name="text" autocomplete="on" inputmode="numeric" data-testid="ocfEnterTextTextInput" aria-label="Enter code"><p>Enter the code from your authentication app</p>'],
  ['Reddit', '<input name="otp" type="text" inputmode="numeric" maxlength="6" placeholder="Verification code">'],
  ['Fastmail', '<label>Verification code <input name="totp" type="text"></label>'],
  ['Snake case', '<input name="one_time_code">'],
  ['Kebab', '<input id="one-time-passcode">'],
  ['Camel', '<input id="twoFactorAuthCode">'],
  ['Upper', '<input name="MFA_TOKEN">'],
  ['Placeholder only', '<input placeholder="Enter your 2FA code">'],
  ['Context only', '<div><h2>Two-factor authentication</h2><p>Open your authenticator app.</p><input type="text" inputmode="numeric" maxlength="6"></div>'],
  ['Security code (2FA)', '<label>Security code <input name="securityCode" maxlength="6"></label><p>Use the code from your authenticator app.</p>'],
  ['Passcode', '<label>Passcode <input name="pc"></label>'],
  ['Auth code', '<input name="authCode">'],
  ['Verify code', '<input aria-label="Verify code" name="v">'],
  ['Microsoft (Entra) TOTP', '<div><div role="heading">Enter code</div><div>Enter the code displayed in the Microsoft Authenticator app on your mobile device</div><input name="otc" type="tel" autocomplete="off" maxlength="6" aria-labelledby="idDiv_SAOTCC_Title"></div>'],
  ['Okta Verify', '<form><h2>Enter a code from Okta Verify</h2><label for="c">Enter code</label><input id="c" name="credentials.passcode" type="text" autocomplete="off"></form>'],
  ['AWS console', '<form><p>Enter an MFA code to complete sign-in.</p><label for="mfaCode">MFA code</label><input id="mfaCode" type="text" autocomplete="off"></form>'],
  ['Google 2-step', '<form><h1>2-Step Verification</h1><p>Get a verification code from the Google Authenticator app</p><input type="tel" name="totpPin" id="totpPin" autocomplete="off"></form>'],
  ['Stripe dashboard', '<form><p>Enter the 6-digit code from your authenticator app.</p><input inputmode="numeric" pattern="[0-9]*" maxlength="6" autocomplete="one-time-code" name="otp"></form>'],
  ['Bank (labelled by)', '<span id="l1">Security token</span><input aria-labelledby="l1" name="f17" maxlength="8" inputmode="numeric">'],
  ['Bank PIN from token', '<form><p>Enter the code shown on your token or authenticator app</p><label>Code <input name="pinField" maxlength="6"></label></form>'],
  ['Angular formcontrolname', '<input formcontrolname="otpCode" class="form-control">'],
  ['Vue data-testid', '<input data-testid="two-factor-input" type="text">'],
  ['BEM class only', '<input class="login-form__mfa-input" type="text">'],
  ['Title only', '<input title="Authentication code" type="text">'],
  ['Wrapped label, number type', '<label><span>TOTP</span><input type="number" name="x"></label>'],
  ['Authenticator in name', '<input name="authenticatorCode">'],
  ['Two-factor kebab class', '<input class="two-factor-code field">'],
];

const NOT_OTP: [string, string][] = [
  ['password', '<input type="password" name="otp_password" autocomplete="current-password">'],
  ['username', '<input name="username" autocomplete="username">'],
  ['email', '<input type="email" name="email">'],
  ['card CVC', '<label>CVC <input name="cvc" maxlength="4" inputmode="numeric"></label>'],
  ['card CVV autocomplete', '<input autocomplete="cc-csc" name="code">'],
  ['card security code', '<form><label>Card number <input name="cardnumber"></label><label>Security code <input data-field name="securityCode" maxlength="4"></label></form>'],
  ['phone', '<label>Phone number <input type="tel" name="phone" maxlength="8"></label>'],
  ['ZIP', '<label>ZIP code <input name="zip" maxlength="6" inputmode="numeric"></label>'],
  ['postal autocomplete', '<input autocomplete="postal-code" name="code">'],
  ['amount', '<label>Amount <input name="amount" inputmode="numeric" maxlength="6"></label>'],
  ['promo', '<label>Promo code <input name="promo" maxlength="8"></label>'],
  ['coupon', '<input name="couponCode" placeholder="Coupon code">'],
  ['search', '<input type="search" name="q">'],
  ['plain text', '<label>First name <input name="first"></label>'],
  ['disabled', '<input name="otp" disabled>'],
  ['hidden', '<input type="hidden" name="otp">'],
  ['country code', '<label>Country code <input name="cc" maxlength="3"></label>'],
  ['captcha', '<label>Captcha <input name="captcha_code"></label>'],
  ['card CVV by name', '<input name="cardCvv" maxlength="4" inputmode="numeric">'],
  ['card expiry', '<label>Expiry (MM/YY) <input name="exp" maxlength="5"></label>'],
  ['card number autocomplete', '<input autocomplete="cc-number" name="number" inputmode="numeric">'],
  ['phone autocomplete', '<input autocomplete="tel-national" type="tel" name="code" maxlength="8">'],
  ['mobile by id', '<input id="mobileNumber" type="tel" maxlength="8">'],
  ['postcode (UK)', '<label>Postcode <input name="postcode" maxlength="8"></label>'],
  ['price', '<label>Price <input name="price" type="number"></label>'],
  ['gift card code', '<label>Gift card code <input name="giftcode" maxlength="8"></label>'],
  ['IBAN', '<label>IBAN <input name="iban"></label>'],
  ['sort code', '<label>Sort code <input name="sortcode" maxlength="6" inputmode="numeric"></label>'],
  ['new password', '<input name="otp_new" autocomplete="new-password">'],
  ['read-only code', '<input name="otp" readonly value="">'],
  ['quantity stepper', '<label>Qty <input type="number" name="qty" maxlength="6"></label>'],
  ['plain numeric, no signal', '<label>Age <input type="number" name="age"></label>'],
];

describe('one-time-code field classifier', () => {
  it.each(OTP_FIELDS)('%s: a code field', (_name, html) => {
    const verdict = classifyField(fieldIn(html));
    expect(verdict, verdict.reason).toMatchObject({ otp: true });
  });
  it.each(NOT_OTP)('%s: not a code field', (_name, html) => {
    expect(classifyField(fieldIn(html)).otp).toBe(false);
  });

  it('marks codes sent by e-mail or SMS, so no authenticator account fills them', () => {
    expect(classifyField(fieldIn('<p>We sent a code to your email.</p><input name="code" maxlength="6" inputmode="numeric">')).sent).toBe(true);
    expect(classifyField(fieldIn('<p>Enter the code we texted to your phone (SMS).</p><input name="otp">')).sent).toBe(true);
    expect(classifyField(fieldIn('<p>Enter the code from your authenticator app.</p><input name="otp">')).sent).toBe(false);
    expect(classifyField(fieldIn('<form><p>We sent a text message with a 6-digit code to ••• 42.</p><input name="smsCode" autocomplete="one-time-code"></form>')).sent).toBe(true);
    expect(classifyField(fieldIn('<form><p>Check your inbox: we e-mailed you a verification code.</p><input name="verificationCode"></form>')).sent).toBe(true);
  });

  it('hard exclusions are marked as such; a field with no signal is only “not a code”', () => {
    expect(classifyField(fieldIn('<input type="password" name="otp">'))).toMatchObject({ otp: false, excluded: true });
    expect(classifyField(fieldIn('<label>ZIP <input name="zip"></label>'))).toMatchObject({ otp: false, excluded: true });
    expect(classifyField(fieldIn('<label>First name <input name="first"></label>'))).toMatchObject({ otp: false, excluded: false });
  });

  it('reads names in any case or separator style as whole words only', () => {
    expect(classifyField(fieldIn('<input name="OTP_CODE">')).otp).toBe(true);
    expect(classifyField(fieldIn('<input name="mfa-token">')).otp).toBe(true);
    // “shotput” contains “otp” but not as a word; “topic” contains nothing.
    expect(classifyField(fieldIn('<input name="shotput">')).otp).toBe(false);
    expect(classifyField(fieldIn('<input name="topicPin2">')).otp).toBe(false);
  });
});

describe('split fields', () => {
  it('4–8 single-character inputs are one code, filled one digit each', () => {
    document.body.innerHTML = `<form><div>${Array.from({ length: 6 }, (_, i) => `<input maxlength="1" aria-label="Digit ${i + 1}">`).join('')}</div></form>`;
    const [target, ...rest] = findCodeTargets(document);
    expect(rest).toEqual([]);
    expect(target?.inputs).toHaveLength(6);
    fillCode(target!.inputs, '123456');
    expect(target!.inputs.map((i) => i.value).join('')).toBe('123456');
  });

  it('digits wrapped one per element still group; three single inputs do not', () => {
    document.body.innerHTML = `<div>${Array.from({ length: 6 }, () => '<span><input maxlength="1"></span>').join('')}</div><div><input maxlength="1"><input maxlength="1"><input maxlength="1"></div>`;
    const targets = findCodeTargets(document);
    expect(targets.map((t) => t.inputs.length)).toEqual([6]);
  });

  it('finds fields inside open shadow roots', () => {
    document.body.innerHTML = '<otp-box></otp-box>';
    const root = document.querySelector('otp-box')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<input autocomplete="one-time-code">';
    expect(findCodeTargets(document)).toHaveLength(1);
  });
});

describe('filling', () => {
  it('a React-style value tracker sees the change and the input event fires once', () => {
    const input = fieldIn('<input name="otp">');
    const proto = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
    let tracked = '';
    Object.defineProperty(input, 'value', { configurable: true, get: () => proto.get!.call(input), set: (v: string) => { tracked = v; proto.set!.call(input, v); } });
    const seen: string[] = [];
    input.addEventListener('input', () => {
      const value = proto.get!.call(input) as string;
      if (value !== tracked) seen.push(value);
    });
    fillCode([input], '654321');
    expect(seen).toEqual(['654321']);
    expect(input.value).toBe('654321');
  });

  it('sends key, input and change events a site may listen for', () => {
    const input = fieldIn('<input name="otp">');
    const events: string[] = [];
    for (const type of ['keydown', 'keypress', 'keyup', 'input', 'change']) input.addEventListener(type, () => events.push(type));
    fillCode([input], '12');
    expect(events).toEqual(['keydown', 'keypress', 'keydown', 'keypress', 'input', 'keyup', 'keyup', 'change']);
  });
});
