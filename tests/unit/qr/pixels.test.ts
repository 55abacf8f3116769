import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQr, type Pixels } from '@/lib/qr/decode';
import { findQrText, stretchContrast } from '@/lib/qr/find-qr';

const TEXT = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example';

/** Rasterises a QR code into RGBA pixels with the given colours, scale and quiet zone. */
function raster(text: string, { scale = 4, quiet = 4, dark = 0, light = 255, logo = false, level = 'M' as 'L' | 'M' | 'Q' | 'H' } = {}): Pixels {
  const qr = QRCode.create(text, { errorCorrectionLevel: level });
  const n = qr.modules.size + quiet * 2;
  const size = n * scale;
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const mx = Math.floor(x / scale) - quiet;
      const my = Math.floor(y / scale) - quiet;
      const on = mx >= 0 && my >= 0 && mx < qr.modules.size && my < qr.modules.size && qr.modules.get(mx, my);
      const inLogo = logo && Math.abs(x - size / 2) < size * 0.1 && Math.abs(y - size / 2) < size * 0.1;
      const value = inLogo ? 128 : on ? dark : light;
      data.set([value, value, value, 255], (y * size + x) * 4);
    }
  return { data, width: size, height: size };
}

describe('reading QR pixels', () => {
  it('dark on light and light on dark (inverted)', () => {
    expect(decodeQr(raster(TEXT))).toBe(TEXT);
    expect(decodeQr(raster(TEXT, { dark: 255, light: 0 }))).toBe(TEXT);
  });

  it('low contrast, with the contrast stretched', () => {
    const faint = raster(TEXT, { dark: 120, light: 170 });
    expect(findQrText(faint)).toBe(TEXT);
    const stretched = stretchContrast(faint);
    expect([stretched.data[0], stretched.data[3]]).toEqual([255, 255]);
  });

  it('small (about 96 px) and large with a logo in the middle', () => {
    expect(findQrText(raster(TEXT, { scale: 2, quiet: 2, level: 'L' }))).toBe(TEXT);
    expect(findQrText(raster(TEXT, { scale: 10, logo: true, level: 'H' }))).toBe(TEXT);
  });

  it('returns null for pixels without a QR code, never throws', () => {
    const noise = new Uint8ClampedArray(100 * 100 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7919) % 256));
    expect(findQrText({ data: noise, width: 100, height: 100 })).toBeNull();
    expect(decodeQr({ data: new Uint8ClampedArray(4), width: 1, height: 1 })).toBeNull();
  });
});

describe('findQrText: the one pipeline for the browser and Node', () => {
  it('a code with a one-module margin is given a quiet zone in its background colour, light or dark', () => {
    expect(findQrText(raster(TEXT, { quiet: 1, scale: 4 }))).toBe(TEXT);
    expect(findQrText(raster(TEXT, { quiet: 1, scale: 4, dark: 230, light: 30 }))).toBe(TEXT);
  });

  it('a tiny code (1 px modules) is upscaled and read', () => {
    expect(findQrText(raster(TEXT, { scale: 1, quiet: 1, level: 'L' }))).toBe(TEXT);
  });

  it('an image over 1600 px is scaled down and read', () => {
    const big = raster(TEXT, { scale: 50, level: 'L' });
    expect(big.width).toBeGreaterThan(1600);
    expect(findQrText(big)).toBe(TEXT);
  });

  it('pixels whose array starts at an odd offset of a shared buffer (Node Buffers) are read', () => {
    const pixels = raster(TEXT, { scale: 2, quiet: 2, level: 'L' });
    const shared = new Uint8ClampedArray(pixels.data.length + 3);
    shared.set(pixels.data, 3);
    expect(findQrText({ data: shared.subarray(3), width: pixels.width, height: pixels.height })).toBe(TEXT);
  });

  it('nothing to read: empty or one-pixel images answer null', () => {
    expect(findQrText({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toBeNull();
    expect(findQrText({ data: new Uint8ClampedArray(4).fill(255), width: 1, height: 1 })).toBeNull();
  });
});
