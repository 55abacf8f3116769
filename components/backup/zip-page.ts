/** A ZIP archive to the dump the importers read; zip.js is loaded here only, on the backup page. */
export async function zipDumpOnPage(bytes: Uint8Array, password?: string): Promise<Uint8Array<ArrayBuffer>> {
  const { zipDump } = await import('@/lib/formats/zip');
  return zipDump(bytes, password || undefined);
}
