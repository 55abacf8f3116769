import { decodeQr, type Pixels } from './decode';

/**
 * The one QR-from-image pipeline, for the page scanner, the backup page and the background (browser) and for
 * the backup CLI and tests (Node). Each place only supplies RGBA pixels (image-pixels.ts draws them with a
 * canvas; image-decode-node.ts decodes PNG/JPEG in JS); what is tried, and in which order, is decided here:
 *
 * 1. size: a small code is upscaled (whole factor, nearest neighbour) so its longest side is ≥ 300 px; a large
 *    image is scaled down (box average) to 1600 px — jsQR finds neither tiny modules nor huge ones well;
 * 2. a quiet zone of 10 % in the image's own background colour (its corner), so a code cropped to its edge
 *    has the margin the locator needs;
 * 3. each size is read as drawn and with its contrast stretched (grey on grey), both dark-on-light and
 *    inverted (jsQR's attemptBoth); then at half size (2×2 average) while the image is ≥ 400 px, for a large
 *    code jsQR misses at full size.
 */
export function findQrText(pixels: Pixels): string | null {
  if (pixels.width < 1 || pixels.height < 1) return null;
  let current = withQuietZone(normalSize(pixels));
  for (let attempt = 0; attempt < 3; attempt++) {
    const text = decodeQr(current) ?? decodeQr(stretchContrast(current));
    if (text !== null) return text;
    if (current.width < 400 || current.height < 400) break;
    current = halve(current);
  }
  return null;
}

const SMALLEST = 300;
const LARGEST = 1600;

/** Longest side brought into 300–1600 px (see findQrText). */
export function normalSize(pixels: Pixels): Pixels {
  const longest = Math.max(pixels.width, pixels.height);
  if (longest < SMALLEST) return upscale(pixels, Math.ceil(SMALLEST / Math.max(1, longest)));
  if (longest > LARGEST) return downscale(pixels, LARGEST / longest);
  return pixels;
}

function upscale(pixels: Pixels, factor: number): Pixels {
  const width = pixels.width * factor;
  const height = pixels.height * factor;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / factor) * pixels.width;
    for (let x = 0; x < width; x++) {
      const from = (row + Math.floor(x / factor)) * 4;
      data.set(pixels.data.subarray(from, from + 4), (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

/** Box average: every source pixel counts once, as a canvas with smoothing does it. */
function downscale(pixels: Pixels, scale: number): Pixels {
  const width = Math.max(1, Math.round(pixels.width * scale));
  const height = Math.max(1, Math.round(pixels.height * scale));
  const sums = new Float64Array(width * height * 4);
  const counts = new Uint32Array(width * height);
  for (let y = 0; y < pixels.height; y++) {
    const ty = Math.min(height - 1, Math.floor((y * height) / pixels.height));
    for (let x = 0; x < pixels.width; x++) {
      const tx = Math.min(width - 1, Math.floor((x * width) / pixels.width));
      const to = ty * width + tx;
      const from = (y * pixels.width + x) * 4;
      for (let c = 0; c < 4; c++) sums[to * 4 + c]! += pixels.data[from + c]!;
      counts[to]!++;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = sums[i]! / Math.max(1, counts[i >> 2]!);
  return { data, width, height };
}

/** A 10 % margin around the image in the colour of its top-left corner (a white frame around a grey or dark background would confuse the binarizer). */
export function withQuietZone(pixels: Pixels): Pixels {
  const margin = Math.round(Math.max(pixels.width, pixels.height) * 0.1);
  const width = pixels.width + 2 * margin;
  const height = pixels.height + 2 * margin;
  const data = new Uint8ClampedArray(width * height * 4);
  const [r, g, b] = [pixels.data[0] ?? 255, pixels.data[1] ?? 255, pixels.data[2] ?? 255];
  for (let i = 0; i < data.length; i += 4) {
    data[i] = r;
    data[i + 1] = g;
    data[i + 2] = b;
    data[i + 3] = 255;
  }
  for (let y = 0; y < pixels.height; y++) {
    data.set(pixels.data.subarray(y * pixels.width * 4, (y + 1) * pixels.width * 4), ((y + margin) * width + margin) * 4);
  }
  return { data, width, height };
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

/** Half-size copy (2×2 average). */
function halve(pixels: Pixels): Pixels {
  const width = Math.floor(pixels.width / 2);
  const height = Math.floor(pixels.height / 2);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 4; c++) {
        const at = (dy: number, dx: number) => pixels.data[((2 * y + dy) * pixels.width + 2 * x + dx) * 4 + c] ?? 0;
        data[(y * width + x) * 4 + c] = (at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4;
      }
    }
  }
  return { data, width, height };
}
