import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQr, type Pixels } from '@/lib/qr/decode';
import { decodeHard, stretchContrast } from '@/lib/qr/image-pixels';

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
    expect(decodeHard(faint)).toBe(TEXT);
    const stretched = stretchContrast(faint);
    expect([stretched.data[0], stretched.data[3]]).toEqual([255, 255]);
  });

  it('small (about 96 px) and large with a logo in the middle', () => {
    expect(decodeHard(raster(TEXT, { scale: 2, quiet: 2, level: 'L' }))).toBe(TEXT);
    expect(decodeHard(raster(TEXT, { scale: 10, logo: true, level: 'H' }))).toBe(TEXT);
  });

  it('returns null for pixels without a QR code, never throws', () => {
    const noise = new Uint8ClampedArray(100 * 100 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7919) % 256));
    expect(decodeHard({ data: noise, width: 100, height: 100 })).toBeNull();
    expect(decodeQr({ data: new Uint8ClampedArray(4), width: 1, height: 1 })).toBeNull();
  });
});
