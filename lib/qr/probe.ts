/**
 * The always-injected, cheap look for an enrolment QR code: page text about two-factor set-up, or an
 * image-like element that names itself a QR code. Only then is the decoder injected.
 */
const TEXT_HINT = /two[\s-]?factor|2fa|two[\s-]?step|authenticator|authentication app|scan (this|the) (qr|code|barcode)|qr[\s-]?code|totp|one[\s-]?time (pass)?code|otpauth/i;
const NAME_HINT = /qr|otp|2fa|totp|authenticator|mfa/i;

function namesQr(element: Element): boolean {
  const text = `${element.id} ${element.getAttribute('class') ?? ''} ${element.getAttribute('alt') ?? ''} ${element.getAttribute('aria-label') ?? ''} ${element.getAttribute('title') ?? ''} ${(element as HTMLImageElement).src ?? ''}`;
  return NAME_HINT.test(text);
}

export function pageMayShowEnrolmentQr(doc: Document): boolean {
  // Bounded: the start of the text is where set-up pages say what they are.
  const text = `${doc.title} ${(doc.body?.textContent ?? '').slice(0, 30_000)}`;
  if (TEXT_HINT.test(text)) return true;
  for (const collection of [doc.images, doc.getElementsByTagName('canvas'), doc.getElementsByTagName('svg')]) {
    for (let i = 0; i < collection.length && i < 200; i++) {
      const element = collection[i];
      if (element && namesQr(element)) return true;
    }
  }
  return false;
}
