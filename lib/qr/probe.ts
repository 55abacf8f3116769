/**
 * The always-injected, cheap look for an enrolment QR code: page text about two-factor set-up, or an
 * image-like element that names itself a QR code. Only then is the decoder injected.
 */
const TEXT_HINT = /two[\s-]?factor|2fa|two[\s-]?step|authenticator|authentication app|scan (this|the) (qr|code|barcode)|qr[\s-]?code|totp|one[\s-]?time (pass)?code|otpauth/i;
const NAME_HINT = /qr|otp|2fa|totp|authenticator|mfa/i;

function namesQr(element: Element): boolean {
  const text = `${element.id} ${element.getAttribute('class') ?? ''} ${element.getAttribute('alt') ?? ''} ${element.getAttribute('aria-label') ?? ''} ${element.getAttribute('title') ?? ''} ${element.getAttribute('src') ?? ''}`;
  return NAME_HINT.test(text);
}

/**
 * Whether the page's text talks about two-factor set-up. `textContent` is cheap but includes scripts,
 * so a hit is confirmed on the text nodes outside scripts and styles (rare: only on such pages).
 */
function textTalksAboutSetup(doc: Document, limit: number): boolean {
  const body = doc.body;
  if (!body) return false;
  if (!TEXT_HINT.test((body.textContent ?? '').slice(0, limit))) return false;
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let node = walker.nextNode(); node && text.length < limit; node = walker.nextNode()) {
    const parent = node.parentElement?.tagName;
    if (parent !== 'SCRIPT' && parent !== 'STYLE' && parent !== 'NOSCRIPT' && parent !== 'TEMPLATE') text += `${node.nodeValue ?? ''} `;
  }
  return TEXT_HINT.test(text);
}

export function pageMayShowEnrolmentQr(doc: Document): boolean {
  if (TEXT_HINT.test(doc.title) || textTalksAboutSetup(doc, 30_000)) return true;
  for (const collection of [doc.getElementsByTagName('img'), doc.getElementsByTagName('canvas'), doc.getElementsByTagName('svg')]) {
    for (let i = 0; i < collection.length && i < 200; i++) {
      const element = collection[i];
      if (element && namesQr(element)) return true;
    }
  }
  return false;
}
