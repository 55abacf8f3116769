/**
 * The always-injected, cheap look for an enrolment QR code; only when it says yes is the decoder injected.
 * It does not depend on the page's language: any square, high-contrast, image-like element of a plausible
 * size is a candidate (img, canvas, svg, CSS background, a grid of positioned boxes or table cells, in the
 * document or an open shadow root). English set-up text is only a shortcut.
 */
const TEXT_HINT = /two[\s-]?factor|2fa|two[\s-]?step|authenticator|authentication app|scan (this|the) (qr|code|barcode)|qr[\s-]?code|totp|one[\s-]?time (pass)?code|otpauth/i;
const NAME_HINT = /qr|otp|2fa|totp|authenticator|mfa/i;

/** A QR code needs ~1.5 px per module at 21 modules plus its quiet zone; wider than a screen is a banner. */
const MIN_SIDE = 56;
const MAX_SIDE = 1600;
/** Per look, at most this many images are sampled for contrast (each a 32×32 draw). */
const MAX_SAMPLES = 6;
const MAX_ELEMENTS = 300;

function namesQr(element: Element): boolean {
  const text = `${element.id} ${element.getAttribute('class') ?? ''} ${element.getAttribute('alt') ?? ''} ${element.getAttribute('aria-label') ?? ''} ${element.getAttribute('title') ?? ''} ${element.getAttribute('src') ?? ''}`;
  return NAME_HINT.test(text);
}

function squareAndPlausible(width: number, height: number): boolean {
  if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) return false;
  const ratio = width / height;
  return ratio > 0.8 && ratio < 1.25;
}

function boxOf(element: Element): DOMRect {
  return element.getBoundingClientRect();
}

function shownSquare(element: Element): boolean {
  const box = boxOf(element);
  return squareAndPlausible(box.width, box.height);
}

/**
 * Whether a drawable looks like a QR code's two tones: sampled (nearest pixel, no smoothing) at 32×32, most
 * samples sit near the darkest or the lightest value and those differ clearly. A photo or a gradient does not.
 * Unreadable pixels (another origin's image) cannot be judged here: they stay candidates.
 */
type Sampler = { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D } | null;
let sampler: Sampler | undefined;

function twoTone(source: CanvasImageSource): boolean {
  if (sampler === undefined) {
    const canvas = document.createElement('canvas');
    canvas.width = 32;
    canvas.height = 32;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    sampler = context ? { canvas, context } : null;
  }
  if (!sampler) return true;
  const { context } = sampler;
  try {
    context.imageSmoothingEnabled = false;
    context.clearRect(0, 0, 32, 32);
    context.drawImage(source, 0, 0, 32, 32);
    const data = context.getImageData(0, 0, 32, 32).data;
    const lum = new Uint8Array(32 * 32);
    let min = 255;
    let max = 0;
    for (let i = 0, p = 0; i < data.length; i += 4, p++) {
      // Transparent pixels show the page behind: count them as light.
      const value = (data[i + 3] ?? 0) < 128 ? 255 : ((data[i] ?? 0) * 3 + (data[i + 1] ?? 0) * 6 + (data[i + 2] ?? 0)) / 10;
      lum[p] = value;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    const range = max - min;
    if (range < 40) return false;
    let extreme = 0;
    for (const value of lum) if (value - min < range / 4 || max - value < range / 4) extreme++;
    return extreme / lum.length >= 0.8;
  } catch {
    return true; // tainted: another origin's pixels, judged by the decoder through the background
  }
}

interface LookBudget {
  samples: number;
}

function imageCandidate(image: HTMLImageElement, budget: LookBudget): boolean {
  if (!image.complete || image.naturalWidth === 0) return false; // looked at again on its load event
  if (!shownSquare(image) || !squareAndPlausible(image.naturalWidth, image.naturalHeight)) return false;
  if (budget.samples <= 0) return true;
  budget.samples--;
  return twoTone(image);
}

function canvasCandidate(canvas: HTMLCanvasElement, budget: LookBudget): boolean {
  if (!shownSquare(canvas) || canvas.width === 0 || canvas.height === 0) return false;
  if (budget.samples <= 0) return true;
  budget.samples--;
  return twoTone(canvas);
}

/** An inline SVG QR code is many modules: many shapes or one long path. */
function svgCandidate(svg: SVGSVGElement): boolean {
  if (svg.parentElement?.closest('svg') || !shownSquare(svg)) return false;
  if (svg.getElementsByTagName('*').length >= 40) return true;
  const paths = svg.getElementsByTagName('path');
  for (let i = 0; i < paths.length && i < 20; i++) if ((paths[i]?.getAttribute('d')?.length ?? 0) >= 300) return true;
  return false;
}

/** Elements drawn with a CSS background image: inline styles, and rules of the page's readable style sheets. */
function backgroundCandidates(root: Document | ShadowRoot): boolean {
  const inline = root.querySelectorAll('[style*="url("]');
  for (let i = 0; i < inline.length && i < MAX_ELEMENTS; i++) {
    const element = inline[i];
    if (element && /background/i.test(element.getAttribute('style') ?? '') && shownSquare(element)) return true;
  }
  const sheets = 'styleSheets' in root ? root.styleSheets : [];
  let rulesLeft = 3000;
  for (const sheet of Array.from(sheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // another origin's style sheet
    }
    for (let i = 0; i < rules.length && rulesLeft > 0; i++, rulesLeft--) {
      const rule = rules[i];
      if (!(rule instanceof CSSStyleRule) || !rule.style.backgroundImage.includes('url(')) continue;
      let matches: NodeListOf<Element>;
      try {
        matches = root.querySelectorAll(rule.selectorText);
      } catch {
        continue;
      }
      for (let j = 0; j < matches.length && j < 20; j++) if (matches[j] && shownSquare(matches[j] as Element)) return true;
    }
  }
  return false;
}

/**
 * A QR code drawn with HTML: a table of ≥ 21×21 cells, or ≥ 21² absolutely positioned boxes in one square
 * container (Snipe-IT's tc-lib-barcode getHtmlDiv writes `position:absolute` divs with inline styles).
 */
function htmlGridCandidate(root: Document | ShadowRoot): boolean {
  const tables = root.querySelectorAll('table');
  for (let i = 0; i < tables.length && i < 50; i++) {
    const table = tables[i] as HTMLTableElement;
    if (table.rows.length >= 21 && (table.rows[0]?.cells.length ?? 0) >= 21 && shownSquare(table)) return true;
  }
  const boxes = root.querySelectorAll('[style*="absolute"]');
  if (boxes.length < 200) return false;
  const counts = new Map<Element, number>();
  for (let i = 0; i < boxes.length && i < 5000; i++) {
    const parent = boxes[i]?.parentElement;
    if (parent) counts.set(parent, (counts.get(parent) ?? 0) + 1);
  }
  for (const [parent, count] of counts) if (count >= 200 && shownSquare(parent)) return true;
  return false;
}

/** Whether `root` (the document or an open shadow root) shows something that may be a QR code. */
export function rootShowsQrLikeElement(root: Document | ShadowRoot, budget: LookBudget = { samples: MAX_SAMPLES }): boolean {
  const images = root.querySelectorAll('img');
  for (let i = 0; i < images.length && i < MAX_ELEMENTS; i++) {
    const image = images[i] as HTMLImageElement;
    if (namesQr(image) || imageCandidate(image, budget)) return true;
  }
  const canvases = root.querySelectorAll('canvas');
  for (let i = 0; i < canvases.length && i < 50; i++) {
    const canvas = canvases[i] as HTMLCanvasElement;
    if (namesQr(canvas) || canvasCandidate(canvas, budget)) return true;
  }
  const svgs = root.querySelectorAll('svg');
  for (let i = 0; i < svgs.length && i < MAX_ELEMENTS; i++) {
    const svg = svgs[i] as SVGSVGElement;
    if (namesQr(svg) || svgCandidate(svg)) return true;
  }
  return backgroundCandidates(root) || htmlGridCandidate(root);
}

/**
 * Whether the page's text talks about two-factor set-up (English: a shortcut only). `textContent` is cheap but
 * includes scripts, so a hit is confirmed on the text nodes outside scripts and styles (rare: only on such pages).
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

export function pageMayShowEnrolmentQr(doc: Document, shadowRoots: readonly ShadowRoot[] = []): boolean {
  if (TEXT_HINT.test(doc.title) || textTalksAboutSetup(doc, 30_000)) return true;
  const budget = { samples: MAX_SAMPLES };
  if (rootShowsQrLikeElement(doc, budget)) return true;
  return shadowRoots.some((root) => rootShowsQrLikeElement(root, budget));
}
