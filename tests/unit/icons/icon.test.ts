import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { aegisIconFields, iconSrc, imageIcon, imageIconFromBase64, labelHue, labelIcon, MAX_ICON_BYTES } from '@/lib/icons/icon';

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const bytes = (text: string) => new TextEncoder().encode(text);

describe('imageIcon: only images that are what they claim, and small', () => {
  it('keeps a PNG, a JPEG, a WebP and an SVG with their type', () => {
    expect(imageIconFromBase64('image/png', PNG_1x1)).toEqual({ kind: 'image', mime: 'image/png', data: PNG_1x1 });
    expect(imageIcon('image/jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toMatchObject({ mime: 'image/jpeg' });
    expect(imageIcon('image/webp', bytes('RIFF\x10\x00\x00\x00WEBPVP8 '))).toMatchObject({ mime: 'image/webp' });
    expect(imageIcon('image/svg+xml', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatchObject({ mime: 'image/svg+xml' });
  });

  it('refuses a type we do not draw, bytes of another type, empty and oversized images, and bad base64', () => {
    expect(imageIconFromBase64('image/gif', PNG_1x1)).toBeNull();
    expect(imageIconFromBase64('text/html', PNG_1x1)).toBeNull();
    expect(imageIcon('image/png', bytes('<svg/>'))).toBeNull();
    expect(imageIcon('image/svg+xml', bytes('<html><svg/></html>'))).toBeNull();
    expect(imageIcon('image/png', new Uint8Array())).toBeNull();
    const big = new Uint8Array(MAX_ICON_BYTES + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(imageIcon('image/png', big)).toBeNull();
    expect(imageIcon('image/png', big.subarray(0, MAX_ICON_BYTES))).not.toBeNull();
    expect(imageIconFromBase64('image/png', '%%%not base64')).toBeNull();
    expect(imageIconFromBase64('image/png', 42)).toBeNull();
  });

  it('draws an image icon from a data URL and a label icon from text', () => {
    expect(iconSrc({ kind: 'image', mime: 'image/png', data: PNG_1x1 })).toBe(`data:image/png;base64,${PNG_1x1}`);
    expect(iconSrc({ kind: 'label', text: 'DE', color: 'Yellow' })).toBeNull();
  });
});

describe('labelIcon: 2FAS label avatars', () => {
  it('keeps up to two characters and a known colour', () => {
    expect(labelIcon('DE', 'Yellow')).toEqual({ kind: 'label', text: 'DE', color: 'Yellow' });
    expect(labelIcon(' Gitea ', 'Purple')).toEqual({ kind: 'label', text: 'Gi', color: 'Purple' });
    expect(labelIcon('日本語', 'NoSuchColour')).toEqual({ kind: 'label', text: '日本', color: 'Default' });
    expect(labelHue('Red')).toBe(0);
    expect(labelHue('nonsense')).toBe(labelHue('Default'));
  });

  it('refuses empty text and control characters', () => {
    expect(labelIcon('', 'Red')).toBeNull();
    expect(labelIcon('   ', 'Red')).toBeNull();
    expect(labelIcon('\u202eA', 'Red')).toBeNull();
    expect(labelIcon(undefined, 'Red')).toBeNull();
  });
});

describe('aegisIconFields: Aegis keeps the icon inline with its SHA-256', () => {
  it('writes base64, MIME type and the hash of the image bytes; nulls for a letter or a label', async () => {
    const hash = createHash('sha256').update(Buffer.from(PNG_1x1, 'base64')).digest('hex');
    expect(await aegisIconFields({ kind: 'image', mime: 'image/png', data: PNG_1x1 })).toEqual({ icon: PNG_1x1, icon_mime: 'image/png', icon_hash: hash });
    expect(await aegisIconFields(undefined)).toEqual({ icon: null, icon_mime: null, icon_hash: null });
    expect(await aegisIconFields({ kind: 'label', text: 'A', color: 'Red' })).toEqual({ icon: null, icon_mime: null, icon_hash: null });
  });
});
