/** The alarm that empties the clipboard after a code was copied (re-armed by every copy). */
export const CLEAR_CLIPBOARD_ALARM = 'clear-clipboard';
/** How long a copied code stays on the clipboard when clearing is on. */
export const CLIPBOARD_CLEAR_MS = 30_000;

/** Empties the clipboard from a document: a copy whose data is replaced by empty text. */
export function emptyClipboard(doc: Document): void {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  doc.addEventListener('copy', onCopy);
  try {
    doc.execCommand('copy');
  } finally {
    doc.removeEventListener('copy', onCopy);
  }
}
