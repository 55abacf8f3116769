import { decodeQr, type Pixels } from './decode';

/**
 * Pixel helpers shared by the page scanner and the background: give small codes room to be found
 * (upscale, white quiet zone) and low-contrast ones their contrast back.
 */
export function withQuietZone(source: CanvasImageSource, width: number, height: number, makeCanvas: (w: number, h: number) => OffscreenCanvas | HTMLCanvasElement): Pixels | null {
  const longest = Math.max(width, height);
  const scale = longest < 300 ? Math.ceil(300 / Math.max(1, longest)) : longest > 1600 ? 1600 / longest : 1;
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const margin = Math.round(Math.max(w, h) * 0.1);
  const canvas = makeCanvas(w + 2 * margin, h + 2 * margin);
  const context = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!context) return null;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.imageSmoothingEnabled = scale < 1;
  context.drawImage(source, margin, margin, w, h);
  const image = context.getImageData(0, 0, canvas.width, canvas.height);
  // The quiet zone takes the image's own background (its corner), not white: a white frame around a
  // light-grey or dark background would confuse the binarizer.
  const { data } = image;
  const corner = (margin * image.width + margin) * 4;
  const [r, g, b] = [data[corner] ?? 255, data[corner + 1] ?? 255, data[corner + 2] ?? 255];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (x >= margin && x < margin + w && y >= margin && y < margin + h) continue;
      const i = (y * image.width + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  }
  return { data, width: image.width, height: image.height };
}

/** Stretches luminance to the full range: a grey-on-grey code becomes black on white. */
export function stretchContrast(pixels: Pixels): Pixels {
  let min = 255;
  let max = 0;
  const { data } = pixels;
  for (let i = 0; i < data.length; i += 4) {
    const y = (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000;
    if (y < min) min = y;
    if (y > max) max = y;
  }
  const range = Math.max(1, max - min);
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const y = ((data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000 - min) * (255 / range);
    out[i] = out[i + 1] = out[i + 2] = y;
    out[i + 3] = 255;
  }
  return { data: out, width: pixels.width, height: pixels.height };
}

/** Decodes as drawn, then with the contrast stretched. */
export function decodeHard(pixels: Pixels): string | null {
  return decodeQr(pixels) ?? decodeQr(stretchContrast(pixels));
}

/** Background / extension pages: the QR text of an image's bytes (any format the browser reads). */
export async function qrTextOfBlob(blob: Blob, crop?: { x: number; y: number; width: number; height: number }): Promise<string | null> {
  const bitmap = crop ? await createImageBitmap(blob, crop.x, crop.y, Math.max(1, crop.width), Math.max(1, crop.height)) : await createImageBitmap(blob);
  try {
    const pixels = withQuietZone(bitmap, bitmap.width, bitmap.height, (w, h) => new OffscreenCanvas(w, h));
    return pixels ? decodeHard(pixels) : null;
  } finally {
    bitmap.close();
  }
}
