import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { findQrText } from '@/lib/qr/find-qr';
import { opaqueColour, paintBoxes, type ColouredBox, type Rgb } from '@/lib/qr/html-grid';

const TEXT = 'otpauth://totp/Snipe-IT:admin?secret=JBSWY3DPEHPK3PXP&issuer=Snipe-IT&period=30';

/**
 * The boxes tc-lib-barcode's getHtmlDiv lays out for a QR code (github.com/tecnickcom/tc-lib-barcode,
 * src/Barcode.php): one absolutely positioned div per horizontal run of dark modules, at fractional px when
 * the requested size is not a multiple of the module count (Snipe-IT asks for 300 × 300 and padding -2).
 */
function tcLibBars(text: string, side = 300, paddingModules = 2, dark: Rgb = [0, 0, 0]): { boxes: ColouredBox[]; width: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const module = side / n;
  const padding = paddingModules * module;
  const boxes: ColouredBox[] = [];
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!qr.modules.get(x, y)) continue;
      let run = 1;
      while (x + run < n && qr.modules.get(x + run, y)) run++;
      boxes.push({ x: padding + x * module, y: padding + y * module, width: run * module, height: module, colour: dark });
      x += run - 1;
    }
  }
  return { boxes, width: side + 2 * padding };
}

describe('QR codes drawn with HTML elements', () => {
  it('rebuilds tc-lib-barcode’s positioned divs (fractional boxes) into a readable code', () => {
    const { boxes, width } = tcLibBars(TEXT);
    expect(findQrText(paintBoxes(boxes, width, width, [255, 255, 255]))).toBe(TEXT);
  });

  it('small cells (2 px modules) and light-on-dark', () => {
    const { boxes, width } = tcLibBars(TEXT, 74, 2, [255, 255, 255]);
    expect(findQrText(paintBoxes(boxes, width, width, [20, 20, 20]))).toBe(TEXT);
  });

  it('a grid with nothing drawn reads as nothing', () => {
    expect(findQrText(paintBoxes([], 200, 200, [255, 255, 255]))).toBeNull();
  });

  it('reads computed background colours; transparent ones paint nothing', () => {
    expect(opaqueColour('rgb(0, 0, 0)')).toEqual([0, 0, 0]);
    expect(opaqueColour('rgba(17, 34, 51, 1)')).toEqual([17, 34, 51]);
    expect(opaqueColour('rgba(0, 0, 0, 0)')).toBeNull();
    expect(opaqueColour('rgb(0 0 0 / 20%)')).toBeNull();
    expect(opaqueColour('transparent')).toBeNull();
  });
});
