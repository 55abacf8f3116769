import type { Pixels } from './decode';
import { findQrText } from './find-qr';

/** Larger than find-qr.ts reads anyway: drawn smaller here so a 40 MP photo never becomes a 160 MB array. */
const LARGEST = 1600;

/**
 * The browser's pixel source for the one QR pipeline (find-qr.ts): draws an image, bitmap, canvas or video
 * frame into a canvas and reads its RGBA pixels, scaled down (with smoothing) when its longest side is over
 * 1600 px. Throws a SecurityError for pixels of another origin (a tainted canvas).
 */
export function pixelsOf(source: CanvasImageSource, width: number, height: number, makeCanvas: (w: number, h: number) => OffscreenCanvas | HTMLCanvasElement): Pixels | null {
  const longest = Math.max(width, height);
  const scale = longest > LARGEST ? LARGEST / longest : 1;
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = makeCanvas(w, h);
  const context = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!context) return null;
  context.imageSmoothingEnabled = scale < 1;
  context.drawImage(source, 0, 0, w, h);
  const image = context.getImageData(0, 0, w, h);
  return { data: image.data, width: image.width, height: image.height };
}

/** Background / extension pages: the QR text of an image's bytes (any format the browser reads). */
export async function qrTextOfBlob(blob: Blob, crop?: { x: number; y: number; width: number; height: number }): Promise<string | null> {
  const bitmap = crop ? await createImageBitmap(blob, crop.x, crop.y, Math.max(1, crop.width), Math.max(1, crop.height)) : await createImageBitmap(blob);
  try {
    const pixels = pixelsOf(bitmap, bitmap.width, bitmap.height, (w, h) => new OffscreenCanvas(w, h));
    return pixels ? findQrText(pixels) : null;
  } finally {
    bitmap.close();
  }
}
