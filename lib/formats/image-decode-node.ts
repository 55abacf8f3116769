import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { ImageDecoder } from './types';

/**
 * Node's image decoder for imports (the backup CLI, tests): pure-JS pngjs and jpeg-js. Never imported by
 * the extension, whose backup page decodes images with the browser (qrTextOfBlob in lib/qr/image-pixels.ts): pngjs needs Node's zlib.
 */
export const decodeImageInNode: ImageDecoder = async (kind, bytes, maxMegapixels) => {
  if (kind === 'PNG') {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { data: new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), width: png.width, height: png.height };
  }
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: maxMegapixels, maxMemoryUsageInMB: 512 });
  return { data: new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), width: image.width, height: image.height };
};
