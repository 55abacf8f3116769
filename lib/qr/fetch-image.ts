import { isDecodableImageType } from './fetch-policy';

/**
 * Fetches an image the background was allowed to fetch (fetch-policy.ts `mayFetchImage`, checked by the caller):
 * without the person's cookies or credentials, no redirects (a public URL must not lead the fetch into the
 * person's network), no referrer, image types only, at most `maxBytes` (read as a stream, cancelled beyond).
 * Null for anything else. Used for a page's QR image and for a site's icon.
 */
export async function fetchPublicImage(url: string, maxBytes: number): Promise<Blob | null> {
  const response = await fetch(url, { credentials: 'omit', redirect: 'error', cache: 'no-store', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(10_000) });
  if (!response.ok || !isDecodableImageType(response.headers.get('content-type'))) return null;
  return readCapped(response, maxBytes);
}

/** Reads a body up to `limit` bytes; null if it is larger. */
async function readCapped(response: Response, limit: number): Promise<Blob | null> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return null;
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? '' });
}
