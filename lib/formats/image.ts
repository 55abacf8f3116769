import { AppError, appError } from '@/lib/errors';
import { decodeMigrationLink } from '@/lib/otp/migration';
import type { Pixels } from '@/lib/qr/decode';
import { findQrText } from '@/lib/qr/find-qr';
import type { Importer, ImportFormat, ImportInput, ImportResult } from './types';
import { readLinks } from './uri-list';

type ImageKind = 'PNG' | 'JPEG' | 'GIF' | 'WebP';

const MAGIC: readonly [ImageKind, readonly number[]][] = [
  ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['WebP', [0x52, 0x49, 0x46, 0x46]],
];

export function imageKindOf(bytes: Uint8Array): ImageKind | null {
  for (const [kind, magic] of MAGIC) {
    if (!magic.every((byte, i) => bytes[i] === byte)) continue;
    // RIFF is also WAV/AVI: WebP says so at byte 8.
    if (kind === 'WebP' && String.fromCharCode(...bytes.subarray(8, 12)) !== 'WEBP') continue;
    return kind;
  }
  return null;
}

/** A phone screenshot is ~2.5 MP; beyond this it is not a screenshot and would take seconds to scan. */
const MAX_MEGAPIXELS = 40;

/** Width × height from the PNG header, read before inflating so a huge image is refused cheaply. */
function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 24) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function damaged(kind: ImageKind, error: unknown): AppError {
  const why = error instanceof Error ? error.message.slice(0, 120) : 'unreadable data';
  return new AppError('damaged_backup', `This ${kind} image could not be decoded (${why}).`);
}

async function decodePixels(input: ImportInput, kind: 'PNG' | 'JPEG'): Promise<Pixels> {
  const tooLarge = (size: string) => new AppError('unsupported_format', `This ${kind} image is ${size}: too large to be a screenshot of a QR code.`);
  if (!input.decodeImage) throw new AppError('unsupported_format', 'Images cannot be read here: open the image in the backup page, which reads its QR code.');
  const size = kind === 'PNG' ? pngSize(input.bytes) : null;
  if (size && size.width * size.height > MAX_MEGAPIXELS * 1e6) throw tooLarge(`${size.width}×${size.height} pixels`);
  try {
    return await input.decodeImage(kind, input.bytes, MAX_MEGAPIXELS);
  } catch (error) {
    // jpeg-js names its own limit; JPEG has no size in a fixed place to check first.
    if (error instanceof Error && /maxResolutionInMP/.test(error.message)) throw tooLarge(`larger than ${MAX_MEGAPIXELS} megapixels`);
    throw damaged(kind, error);
  }
}

const OTP_LINK = /^(otpauth|otpauth-migration|steam):\/\//i;

/** What a QR code that is not ours holds, in a few words, so the person knows what they scanned. */
function describeQrText(text: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return `a web link (${text.slice(0, 60)})`;
  if (scheme) return `a “${scheme}:” link`;
  return `${text.length} characters of text`;
}

/** What the link in the QR code is, for the format line of the preview. */
function formatOfLink(kind: 'PNG' | 'JPEG', link: string): ImportFormat {
  if (!/^otpauth-migration:/i.test(link)) return { id: 'image-link', image: kind };
  const { batch } = decodeMigrationLink(link);
  return { id: 'image-google-export', image: kind, ...(batch.size > 1 ? { batch: { index: batch.index + 1, size: batch.size } } : {}) };
}

/**
 * An image file (a screenshot of Google Authenticator's export screen, a saved enrolment QR code):
 * the QR code's text is read as a link list.
 */
export const imageImporter: Importer = {
  id: 'image',
  detect: (input: ImportInput) => (imageKindOf(input.bytes) ? 'plain' : 'no'),
  async read(input: ImportInput): Promise<ImportResult> {
    const kind = imageKindOf(input.bytes);
    if (!kind) throw new AppError('unknown_format', 'This is not an image file.');
    if (kind !== 'PNG' && kind !== 'JPEG') throw new AppError('unsupported_format', `This is a ${kind} image: save the screenshot as PNG or JPEG and import that.`);
    const text = findQrText(await decodePixels(input, kind));
    if (text === null) throw new AppError('unknown_format', `No QR code was found in this ${kind} image: crop it around the QR code, or take the screenshot again with the whole code visible.`);
    const link = text.trim();
    if (!OTP_LINK.test(link) || /[\r\n]/.test(link)) {
      throw new AppError('not_otp_qr', `The QR code in this image holds ${describeQrText(link)}, not a two-factor account or a Google Authenticator export.`);
    }
    const result = readLinks(link, formatOfLink(kind, link));
    // A single link that cannot be read is the whole file: say why instead of importing nothing.
    const only = result.skipped[0];
    if (result.accounts.length === 0 && result.skipped.length === 1 && only && !/^otpauth-migration:/i.test(link)) {
      // The link's own code says why (bad_digits, bad_base32…), as a pasted link's would.
      throw appError(only.error.code, `The QR code in this image is an account link that cannot be read (${only.error.code}).`, only.error.params);
    }
    return result;
  },
};
