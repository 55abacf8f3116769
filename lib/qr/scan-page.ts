import { decodeHard, withQuietZone } from './image-pixels';

/** Something on the page that may be drawn as a QR code. */
export interface Candidate {
  element: Element;
  kind: 'img' | 'canvas' | 'svg' | 'background';
  /** The image URL for `img` and CSS backgrounds. */
  url?: string;
}

/** What the scanner may ask the background, when the page's pixels cannot be read here. */
export interface ScanHelpers {
  decodeUrl(url: string): Promise<string | null>;
  decodeRegion(box: { x: number; y: number; width: number; height: number; viewportWidth: number }): Promise<string | null>;
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

/** Every plausible QR element of the document, through open shadow roots; inline SVGs as a whole. */
export function findCandidates(root: Document | ShadowRoot = document): Candidate[] {
  const found: Candidate[] = [];
  const visit = (node: Document | ShadowRoot) => {
    for (const element of Array.from(node.querySelectorAll('*'))) {
      if (element.shadowRoot) visit(element.shadowRoot);
      if (element instanceof HTMLImageElement) {
        if (plausibleBox(element)) found.push({ element, kind: 'img', url: element.currentSrc || element.src });
      } else if (element instanceof HTMLCanvasElement) {
        if (plausibleBox(element)) found.push({ element, kind: 'canvas' });
      } else if (element instanceof SVGSVGElement) {
        if (!element.parentElement?.closest('svg') && plausibleBox(element)) found.push({ element, kind: 'svg' });
      } else if (element instanceof HTMLElement && plausibleBox(element)) {
        const url = backgroundUrl(element);
        if (url) found.push({ element, kind: 'background', url: new URL(url, document.baseURI).href });
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
  const pixels = withQuietZone(source, width, height, makeCanvas);
  return pixels ? decodeHard(pixels) : null;
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

async function decodeDirect(candidate: Candidate, helpers: ScanHelpers): Promise<string | null> {
  const { element } = candidate;
  try {
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
    return null; // tainted pixels: the screenshot below reads them
  }
}

/** The element's box in the visible viewport, or null when it is not on screen. */
function visibleBox(element: Element): { x: number; y: number; width: number; height: number } | null {
  const rect = element.getBoundingClientRect();
  const x = Math.max(0, rect.left);
  const y = Math.max(0, rect.top);
  const right = Math.min(innerWidth, rect.right);
  const bottom = Math.min(innerHeight, rect.bottom);
  if (right - x < MIN_SIDE || bottom - y < MIN_SIDE) return null;
  // A margin of the page around the code is its quiet zone.
  const pad = Math.min(16, x, y);
  return { x: x - pad, y: y - pad, width: right - x + 2 * pad, height: bottom - y + 2 * pad };
}

/** Reads one candidate: pixels here, the image through the background, or the visible tab's pixels. */
export async function readCandidate(candidate: Candidate, helpers: ScanHelpers): Promise<string | null> {
  const direct = await decodeDirect(candidate, helpers);
  if (direct !== null) return direct;
  if (window !== window.top) return null;
  const box = visibleBox(candidate.element);
  // The viewport's width in CSS px lets the background find the screenshot's scale (DPR and zoom).
  return box ? helpers.decodeRegion({ ...box, viewportWidth: innerWidth }) : null;
}
