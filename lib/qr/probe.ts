/**
 * The always-injected, cheap look for an enrolment QR code; only when it says yes is the decoder injected.
 * It does not depend on the page's language: any square, high-contrast, image-like element of a plausible
 * size is a candidate (img, canvas, svg, CSS background, a grid of positioned boxes or table cells, in the
 * document or an open shadow root), and so is an element whose id, class, alt, label or source names a QR code.
 */
const NAME_HINT = /qr|otp|2fa|totp|authenticator|mfa/i;

/** A QR code needs ~1.5 px per module at 21 modules plus its quiet zone; wider than a screen is a banner. */
const MIN_SIDE = 56;
const MAX_SIDE = 1600;
/** Per look, at most this many images are sampled for contrast (each a 32×32 draw). */
const MAX_SAMPLES = 6;
const MAX_ELEMENTS = 400;

const NAMING = ['id', 'class', 'alt', 'aria-label', 'title', 'src'];
const namesQr = (element: Element) => NAMING.some((name) => NAME_HINT.test(element.getAttribute(name) ?? ''));

function squareAndPlausible(width: number, height: number): boolean {
  if (width < MIN_SIDE || height < MIN_SIDE || width > MAX_SIDE || height > MAX_SIDE) return false;
  const ratio = width / height;
  return ratio > 0.8 && ratio < 1.25;
}

function shownSquare(element: Element): boolean {
  const box = element.getBoundingClientRect();
  return squareAndPlausible(box.width, box.height);
}

let sampler: CanvasRenderingContext2D | null | undefined;

/**
 * Whether a drawable shows a QR code's two tones: sampled (nearest pixel) at 32×32, nearly all samples sit near
 * the darkest or the lightest value, and those differ clearly; a photo or a gradient does not. Pixels of another
 * origin cannot be read here: they stay candidates (the decoder reads them through the background).
 */
function twoTone(source: CanvasImageSource): boolean {
  if (sampler === undefined) {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 32;
    sampler = canvas.getContext('2d', { willReadFrequently: true });
  }
  if (!sampler) return true;
  try {
    sampler.imageSmoothingEnabled = false;
    sampler.clearRect(0, 0, 32, 32);
    sampler.drawImage(source, 0, 0, 32, 32);
    const data = sampler.getImageData(0, 0, 32, 32).data;
    const lum: number[] = [];
    // Transparent pixels show the page behind: light.
    for (let i = 0; i < data.length; i += 4) lum.push((data[i + 3] ?? 0) < 128 ? 255 : (data[i] ?? 0) * 0.3 + (data[i + 1] ?? 0) * 0.6 + (data[i + 2] ?? 0) * 0.1);
    const min = Math.min(...lum);
    const range = Math.max(...lum) - min;
    return range >= 40 && lum.filter((v) => v - min < range / 4 || v - min > (range * 3) / 4).length >= lum.length * 0.8;
  } catch {
    return true;
  }
}

/**
 * Whether `root` (the document or an open shadow root) shows something that may be a QR code: a loaded image
 * of square size and two tones (shown or not yet: a closed dialog opens without a DOM change; not loaded yet:
 * looked at again on its load event), a square canvas (maybe drawn later), a square SVG of many shapes or a long path,
 * a square box with an inline CSS background image or role=img (a stylesheet's background), a table of ≥ 21×21 cells, or ≥ 200 absolutely positioned
 * boxes in one square container (Snipe-IT's tc-lib-barcode getHtmlDiv).
 */
/** How many images a look may sample for contrast; `-1`: none now (`skipped` says one was left for later). */
export interface SampleBudget {
  samples: number;
  skipped?: boolean;
}

function sampled(source: CanvasImageSource, budget: SampleBudget): boolean {
  if (budget.samples < 0) return !(budget.skipped = true);
  // Beyond the budget (a page of square photos) the rest waits for the next look.
  return budget.samples-- > 0 && twoTone(source);
}

export function rootShowsQrLikeElement(root: Document | ShadowRoot, budget: SampleBudget = { samples: MAX_SAMPLES }): boolean {
  const elements = root.querySelectorAll('img,canvas,svg,table,[style*="url("],[role=img]');
  for (let i = 0; i < elements.length && i < MAX_ELEMENTS; i++) {
    const element = elements[i] as Element;
    if (namesQr(element)) return true;
    let candidate = false;
    if (element instanceof HTMLImageElement) {
      candidate = element.naturalWidth > 0 && squareAndPlausible(element.naturalWidth, element.naturalHeight) && sampled(element, budget);
    } else if (element instanceof HTMLCanvasElement) {
      candidate = shownSquare(element);
    } else if (element instanceof SVGSVGElement) {
      candidate = !element.parentElement?.closest('svg') && shownSquare(element) && (element.getElementsByTagName('*').length >= 40 || Array.from(element.getElementsByTagName('path')).some((path) => (path.getAttribute('d')?.length ?? 0) >= 300));
    } else if (element instanceof HTMLTableElement) {
      candidate = element.rows.length >= 21 && (element.rows[0]?.cells.length ?? 0) >= 21 && shownSquare(element);
    } else {
      candidate = (element.getAttribute('role') === 'img' || /background/i.test(element.getAttribute('style') ?? '')) && shownSquare(element);
    }
    if (candidate) return true;
  }
  const boxes = root.querySelectorAll('[style*="absolute"]');
  if (boxes.length < 200) return false;
  const counts = new Map<Element | null, number>();
  for (const box of Array.from(boxes).slice(0, 5000)) counts.set(box.parentElement, (counts.get(box.parentElement) ?? 0) + 1);
  return [...counts].some(([parent, count]) => parent !== null && count >= 200 && shownSquare(parent));
}

export function pageMayShowEnrolmentQr(doc: Document, shadowRoots: readonly ShadowRoot[] = [], budget: SampleBudget = { samples: MAX_SAMPLES }): boolean {
  if (rootShowsQrLikeElement(doc, budget)) return true;
  return shadowRoots.some((root) => rootShowsQrLikeElement(root, budget));
}
