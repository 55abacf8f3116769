import type { Pixels } from './decode';

/**
 * QR codes drawn with HTML elements — absolutely positioned `<div>`s (tc-lib-barcode's `getHtmlDiv`, used by
 * Snipe-IT) or table cells with a background colour — rebuilt as a bitmap from the elements' boxes and
 * computed background colours. Only the frame's own DOM is read, never pixels of the screen.
 */

export type Rgb = [number, number, number];

/** One painted element: its box in CSS px relative to the container's top-left corner. */
export interface ColouredBox {
  x: number;
  y: number;
  width: number;
  height: number;
  colour: Rgb;
}

/** `rgb(…)`/`rgba(…)` as `getComputedStyle` gives it → its colour, or null when (nearly) transparent. */
export function opaqueColour(css: string): Rgb | null {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(css.trim());
  if (!match) return null;
  const alpha = match[4] === undefined ? 1 : Number(match[4]) / (match[5] ? 100 : 1);
  if (alpha < 0.5) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Longest side of the rebuilt bitmap, quiet zone excluded: a few pixels per module even for large codes. */
const TARGET_SIDE = 480;

/**
 * Paints the boxes in order over the container's background, scaled so the longest side is about
 * TARGET_SIDE px, with a quiet zone of the background's colour around it.
 */
export function paintBoxes(boxes: readonly ColouredBox[], width: number, height: number, background: Rgb): Pixels {
  const scale = TARGET_SIDE / Math.max(1, width, height);
  const margin = Math.round(TARGET_SIDE * 0.1);
  const w = Math.max(1, Math.round(width * scale)) + 2 * margin;
  const h = Math.max(1, Math.round(height * scale)) + 2 * margin;
  const data = new Uint8ClampedArray(w * h * 4);
  const fill = (x0: number, y0: number, x1: number, y1: number, [r, g, b]: Rgb) => {
    for (let y = Math.max(0, y0); y < Math.min(h, y1); y++) {
      for (let x = Math.max(0, x0); x < Math.min(w, x1); x++) {
        const i = (y * w + x) * 4;
        data[i] = r;
        data[i + 1] = g;
        data[i + 2] = b;
        data[i + 3] = 255;
      }
    }
  };
  fill(0, 0, w, h, background);
  for (const box of boxes) {
    // Edges rounded to whole pixels: neighbouring modules meet without seams.
    const x0 = margin + Math.round(box.x * scale);
    const y0 = margin + Math.round(box.y * scale);
    const x1 = margin + Math.round((box.x + box.width) * scale);
    const y1 = margin + Math.round((box.y + box.height) * scale);
    fill(x0, y0, x1, y1, box.colour);
  }
  return { data, width: w, height: h };
}

/** Enough elements to be a QR code (version 1 is 21 × 21 modules), few enough to read quickly. */
export const MIN_GRID_CHILDREN = 21;
export const MIN_GRID_ELEMENTS = 60;
export const MAX_GRID_ELEMENTS = 40_000;
