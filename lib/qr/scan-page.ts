import { MAX_GRID_ELEMENTS, MIN_GRID_CHILDREN, MIN_GRID_ELEMENTS, opaqueColour, paintBoxes, type ColouredBox } from './html-grid';
import { findQrText } from './find-qr';
import { pixelsOf } from './image-pixels';

/** Something on the page that may be drawn as a QR code. */
export interface Candidate {
  element: Element;
  /** `html`: a QR drawn with elements (positioned divs, table cells), read from their boxes and colours. */
  kind: 'img' | 'canvas' | 'svg' | 'background' | 'html';
  /** The image URL for `img` and CSS backgrounds. */
  url?: string;
}

/**
 * What the scanner may ask the background: an image of another origin, which the background fetches without
 * credentials from public HTTPS hosts only. Nothing is ever read off the screen: pixels there may belong to
 * another site (a framed page under a transparent canvas, a cross-site image sent with the person's cookies),
 * and an account must be offered only to a site that could read its QR itself.
 */
export interface ScanHelpers {
  decodeUrl(url: string): Promise<string | null>;
}

const MIN_SIDE = 40;
const MAX_SIDE = 2400;

function plausibleBox(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  if (rect.width < MIN_SIDE || rect.height < MIN_SIDE || rect.width > MAX_SIDE || rect.height > MAX_SIDE) return false;
  const ratio = rect.width / rect.height;
  return ratio > 0.6 && ratio < 1.6;
}

function backgroundUrl(element: Element): string | null {
  const image = getComputedStyle(element).backgroundImage;
  const match = /url\(["']?([^"')]+)["']?\)/.exec(image);
  return match?.[1] ?? null;
}

/** A table of at least 21 rows, or an element with many child elements: perhaps a QR drawn with HTML. */
function mayBeHtmlGrid(element: HTMLElement): boolean {
  if (element instanceof HTMLTableElement) return element.rows.length >= MIN_GRID_CHILDREN;
  if (element instanceof HTMLTableSectionElement || element instanceof HTMLTableRowElement) return false;
  return element.childElementCount >= MIN_GRID_CHILDREN && element.getElementsByTagName('*').length >= MIN_GRID_ELEMENTS;
}

/** Every plausible QR element of the document, through open shadow roots; inline SVGs as a whole. */
export function findCandidates(root: Document | ShadowRoot = document): Candidate[] {
  const found: Candidate[] = [];
  let lastGrid: Element | null = null;
  const visit = (node: Document | ShadowRoot) => {
    for (const element of Array.from(node.querySelectorAll('*'))) {
      if (element.shadowRoot) visit(element.shadowRoot);
      if (lastGrid?.contains(element)) continue; // a cell of a grid already found
      if (element instanceof HTMLImageElement) {
        if (plausibleBox(element)) found.push({ element, kind: 'img', url: element.currentSrc || element.src });
      } else if (element instanceof HTMLCanvasElement) {
        if (plausibleBox(element)) found.push({ element, kind: 'canvas' });
      } else if (element instanceof SVGSVGElement) {
        if (!element.parentElement?.closest('svg') && plausibleBox(element)) found.push({ element, kind: 'svg' });
      } else if (element instanceof HTMLElement && plausibleBox(element)) {
        const url = backgroundUrl(element);
        if (url) found.push({ element, kind: 'background', url: new URL(url, document.baseURI).href });
        else if (mayBeHtmlGrid(element)) {
          found.push({ element, kind: 'html' });
          lastGrid = element;
        }
      }
    }
  };
  visit(root);
  return found;
}

const makeCanvas = (w: number, h: number) => {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  return canvas;
};

function loadImage(url: string): Promise<HTMLImageElement | null> {
  return new Promise((resolve) => {
    const image = new Image();
    const timer = setTimeout(() => resolve(null), 3000);
    image.onload = () => {
      clearTimeout(timer);
      resolve(image);
    };
    image.onerror = () => {
      clearTimeout(timer);
      resolve(null);
    };
    image.src = url;
  });
}

async function imageReady(image: HTMLImageElement): Promise<boolean> {
  if (image.complete && image.naturalWidth > 0) return true;
  try {
    await image.decode();
    return image.naturalWidth > 0;
  } catch {
    return false;
  }
}

/** Reads pixels here; throws a SecurityError for pixels of another origin (tainted). */
function decodeDrawable(source: CanvasImageSource, width: number, height: number): string | null {
  const pixels = pixelsOf(source, width, height, makeCanvas);
  return pixels ? findQrText(pixels) : null;
}

function isSameOriginUrl(url: string): boolean {
  if (/^(data|blob):/i.test(url)) return true;
  try {
    return new URL(url, document.baseURI).origin === location.origin;
  } catch {
    return false;
  }
}

async function decodeUrlHere(url: string, helpers: ScanHelpers): Promise<string | null> {
  if (!isSameOriginUrl(url)) return helpers.decodeUrl(url);
  const image = await loadImage(url);
  return image ? decodeDrawable(image, image.naturalWidth, image.naturalHeight) : null;
}

function svgImageUrl(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const rect = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  if (!clone.getAttribute('width')) clone.setAttribute('width', String(Math.round(rect.width)));
  if (!clone.getAttribute('height')) clone.setAttribute('height', String(Math.round(rect.height)));
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(clone))}`;
}

/** A QR drawn with HTML: repaint the frame's own elements' background colours at their boxes. */
function decodeHtmlGrid(container: Element): string | null {
  const origin = container.getBoundingClientRect();
  const boxes: ColouredBox[] = [];
  const elements = container.getElementsByTagName('*');
  for (let i = 0; i < elements.length && i < MAX_GRID_ELEMENTS; i++) {
    const element = elements[i]!;
    const style = getComputedStyle(element);
    const colour = opaqueColour(style.backgroundColor);
    if (!colour || style.visibility !== 'visible') continue;
    const rect = element.getBoundingClientRect();
    if (rect.width <= 0 || rect.height <= 0) continue;
    boxes.push({ x: rect.left - origin.left, y: rect.top - origin.top, width: rect.width, height: rect.height, colour });
  }
  if (boxes.length < MIN_GRID_CHILDREN) return null;
  // A transparent container shows the page behind it, almost always light.
  const background = opaqueColour(getComputedStyle(container).backgroundColor) ?? [255, 255, 255];
  return findQrText(paintBoxes(boxes, origin.width, origin.height, background));
}

async function decodeDirect(candidate: Candidate, helpers: ScanHelpers): Promise<string | null> {
  const { element } = candidate;
  try {
    if (candidate.kind === 'html') return decodeHtmlGrid(element);
    if (candidate.kind === 'canvas') {
      const canvas = element as HTMLCanvasElement;
      return decodeDrawable(canvas, canvas.width, canvas.height);
    }
    if (candidate.kind === 'img') {
      const image = element as HTMLImageElement;
      if (!(await imageReady(image))) return null;
      if (!isSameOriginUrl(candidate.url ?? '')) return await helpers.decodeUrl(candidate.url ?? '');
      return decodeDrawable(image, image.naturalWidth, image.naturalHeight);
    }
    if (candidate.kind === 'svg') {
      const image = await loadImage(svgImageUrl(element as SVGSVGElement));
      return image ? decodeDrawable(image, image.naturalWidth || image.width, image.naturalHeight || image.height) : null;
    }
    return await decodeUrlHere(candidate.url ?? '', helpers);
  } catch {
    // Tainted pixels (a canvas that drew another site's image): this frame cannot read them, so neither do we.
    return null;
  }
}

/** Reads one candidate: pixels here (the frame's own), or another origin's image through the background. */
export function readCandidate(candidate: Candidate, helpers: ScanHelpers): Promise<string | null> {
  return decodeDirect(candidate, helpers);
}

/**
 * What identifies a candidate's current picture without decoding it: an image's URL, an inline SVG's or HTML
 * grid's markup. Null for canvases, which are redrawn without a trace in the DOM (read again each scan).
 */
export function pictureKey(candidate: Candidate): string | null {
  if (candidate.kind === 'img' || candidate.kind === 'background') return `${candidate.kind} ${candidate.url ?? ''}`;
  if (candidate.kind === 'svg') return `svg ${candidate.element.outerHTML}`;
  if (candidate.kind === 'html') return `html ${candidate.element.innerHTML}`;
  return null;
}
