import { decodeQr } from '@/lib/qr/decode';

const IMAGE_MAGIC: readonly number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x52, 0x49, 0x46, 0x46], // RIFF (WebP)
];

export function looksLikeImage(bytes: Uint8Array): boolean {
  return IMAGE_MAGIC.some((magic) => magic.every((byte, i) => bytes[i] === byte));
}

/**
 * In an extension page: the text of the QR code in an image file (a screenshot of an export screen),
 * decoded with the browser's own image decoder. Returns null when no QR code is found.
 */
export async function qrTextFromImageFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    // Phone screenshots are large; jsQR is fast enough up to ~1,500 px on the long side.
    const scale = Math.min(1, 1500 / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return null;
    context.drawImage(bitmap, 0, 0, width, height);
    const image = context.getImageData(0, 0, width, height);
    return decodeQr({ data: image.data, width, height });
  } finally {
    bitmap.close();
  }
}
