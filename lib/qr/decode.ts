import jsQR from 'jsqr';

/** Pixels in RGBA order, as in `ImageData`. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/**
 * Reads one QR code from pixels, trying dark-on-light and light-on-dark.
 * Returns the decoded text, or null when no QR code could be read.
 */
export function decodeQr(pixels: Pixels): string | null {
  try {
    // jsQR can throw inside its locator on some inputs instead of returning null (FORMATS.md).
    const found = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' });
    return found ? found.data : null;
  } catch {
    return null;
  }
}
