import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { detectFormat, importBackup } from '@/lib/formats';
import { makeDraft } from '@/lib/otp/account';
import { encodeMigrationLink } from '@/lib/otp/migration';
import { decodeImageInNode } from '@/lib/formats/image-decode-node';
import { appError, essentials, reference } from './helpers';

/** The reference accounts Google Authenticator can hold (30 s, 6 or 8 digits). */
const GOOGLE_ISSUERS = ['Deno', 'Issuu', 'WWE'];
const googleAccounts = () => reference(GOOGLE_ISSUERS).map((a) => makeDraft(a));

/**
 * A synthetic phone screenshot of Google Authenticator's export screen: 1080×2340, a dark status bar, a title
 * and text-like grey blocks, the QR code in the middle, a button under it.
 */
function phoneScreenshot(text: string): PNG {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const png = new PNG({ width: 1080, height: 2340 });
  const fill = (x0: number, y0: number, x1: number, y1: number, grey: number) => {
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * png.width + x) * 4;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = grey;
        png.data[i + 3] = 255;
      }
    }
  };
  fill(0, 0, 1080, 2340, 248);
  fill(0, 0, 1080, 96, 32); // status bar
  fill(60, 160, 700, 230, 40); // title
  for (let line = 0; line < 6; line++) fill(60, 300 + line * 56, 1020 - (line % 3) * 140, 330 + line * 56, 110); // paragraph
  const scale = 12;
  const size = qr.modules.size;
  const left = Math.floor((1080 - size * scale) / 2);
  const top = 760;
  for (let my = 0; my < size; my++) for (let mx = 0; mx < size; mx++) if (qr.modules.get(mx, my)) fill(left + mx * scale, top + my * scale, left + (mx + 1) * scale, top + (my + 1) * scale, 0);
  fill(700, 2100, 1020, 2220, 60); // "Next" button
  return png;
}

const pngBytes = (png: PNG) => new Uint8Array(PNG.sync.write(png));
const jpegBytes = (png: PNG, quality = 85) => new Uint8Array(jpeg.encode({ data: png.data, width: png.width, height: png.height }, quality).data);

describe('an image file holding a QR code', () => {
  it('a PNG of a Google Authenticator export QR code (qrcode.toBuffer) gives its accounts', async () => {
    const bytes = new Uint8Array(await QRCode.toBuffer(encodeMigrationLink(googleAccounts()), { width: 400 }));
    expect(detectFormat({ bytes })).toMatchObject({ importer: { id: 'image' }, kind: 'plain' });
    const result = await importBackup({ bytes, decodeImage: decodeImageInNode });
    expect(result.format).toEqual({ id: 'image-google-export', image: 'PNG' });
    expect(result.accounts.map(essentials)).toEqual(reference(GOOGLE_ISSUERS));
  });

  it('a phone screenshot of the export screen, as PNG and as JPEG', async () => {
    const shot = phoneScreenshot(encodeMigrationLink(googleAccounts()));
    for (const [kind, bytes] of [
      ['PNG', pngBytes(shot)],
      ['JPEG', jpegBytes(shot)],
    ] as const) {
      const result = await importBackup({ bytes, decodeImage: decodeImageInNode });
      expect(result.format, kind).toEqual({ id: 'image-google-export', image: kind });
      expect(result.accounts.map(essentials), kind).toEqual(reference(GOOGLE_ISSUERS));
    }
  });

  it('one QR code of a multi-part export says how many others to import', async () => {
    const bytes = pngBytes(phoneScreenshot(encodeMigrationLink(googleAccounts().slice(0, 1), { id: -42, index: 1, size: 3 })));
    const result = await importBackup({ bytes, decodeImage: decodeImageInNode });
    expect(result.format).toEqual({ id: 'image-google-export', image: 'PNG', batch: { index: 2, size: 3 } });
    expect(result.accounts.map(essentials)).toEqual(reference(['Deno']));
  });

  it('a saved enrolment QR code (otpauth://) gives that account', async () => {
    const link = 'otpauth://totp/SPDX:James?secret=5OM4WOOGPLQEF6UGN3CPEOOLWU&issuer=SPDX&algorithm=SHA256&digits=7&period=20';
    const result = await importBackup({ bytes: new Uint8Array(await QRCode.toBuffer(link)), decodeImage: decodeImageInNode });
    expect(result.format).toEqual({ id: 'image-link', image: 'PNG' });
    expect(result.accounts.map(essentials)).toEqual(reference(['SPDX']));
  });

  it('a QR code that is not two-factor: not_otp_qr saying what it holds', async () => {
    const error = await appError(importBackup({ bytes: new Uint8Array(await QRCode.toBuffer('https://example.com/menu')), decodeImage: decodeImageInNode }));
    expect(error.code).toBe('not_otp_qr');
    expect(error.message).toBe('The QR code in this image holds a web link (https://example.com/menu), not a two-factor account or a Google Authenticator export.');
  });

  it('a broken account link in the QR code says why, with the link’s own code', async () => {
    const error = await appError(importBackup({ bytes: new Uint8Array(await QRCode.toBuffer('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=3')), decodeImage: decodeImageInNode }));
    expect([error.code, error.params]).toEqual(['bad_digits', { digits: '3' }]);
    expect(error.message).toMatch(/^The QR code in this image is an account link that cannot be read/);
  });

  it('an image without a QR code: unknown_format saying no QR code was found', async () => {
    const blank = new PNG({ width: 300, height: 200 });
    blank.data.fill(200);
    for (const [kind, bytes] of [
      ['PNG', pngBytes(blank)],
      ['JPEG', jpegBytes(blank)],
    ] as const) {
      const error = await appError(importBackup({ bytes, decodeImage: decodeImageInNode }));
      expect(error.code, kind).toBe('unknown_format');
      expect(error.message, kind).toMatch(new RegExp(`^No QR code was found in this ${kind} image`));
    }
  });

  it('a truncated PNG is a damaged file, a GIF is named and refused, a huge PNG is refused before decoding', async () => {
    const png = await QRCode.toBuffer('otpauth://totp/a?secret=JBSWY3DPEHPK3PXP');
    expect((await appError(importBackup({ bytes: new Uint8Array(png.subarray(0, 60)), decodeImage: decodeImageInNode }))).code).toBe('damaged_backup');

    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;');
    const gifError = await appError(importBackup({ bytes: gif, decodeImage: decodeImageInNode }));
    expect(gifError.code).toBe('unsupported_format');
    expect(gifError.message).toBe('This is a GIF image: save the screenshot as PNG or JPEG and import that.');

    const huge = new Uint8Array(png);
    new DataView(huge.buffer).setUint32(16, 100_000);
    new DataView(huge.buffer).setUint32(20, 100_000);
    const started = performance.now();
    const hugeError = await appError(importBackup({ bytes: huge, decodeImage: decodeImageInNode }));
    expect(hugeError.code).toBe('unsupported_format');
    expect(hugeError.message).toMatch(/100000×100000 pixels: too large/);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('images where no decoder is given (the extension background)', () => {
  it('refuses with a message that says where images can be read', async () => {
    const bytes = new Uint8Array(await QRCode.toBuffer('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'));
    const error = await appError(importBackup({ bytes }));
    expect(error.code).toBe('unsupported_format');
    expect(error.message).toMatch(/open the image in the backup page/);
  });
});
