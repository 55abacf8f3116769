import { CLIPBOARD_CLEAR_MS } from '@/lib/clipboard/clear';

export { CLIPBOARD_CLEAR_MS };

export interface ClipboardWriter {
  (text: string): Promise<void>;
}

type Schedule = (run: () => void, ms: number) => unknown;
type Cancel = (handle: unknown) => void;

/**
 * Copies codes and, when asked, clears the clipboard 30 s later, but only if the last thing this
 * page copied is still that code: a later copy (ours) is never wiped by an earlier timer.
 * While the popup is open it clears here; the background clears too (an alarm), after it has closed.
 */
export function createCodeClipboard(
  write: ClipboardWriter,
  schedule: Schedule = (run, ms) => setTimeout(run, ms),
  cancel: Cancel = (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
) {
  let lastCopied: string | null = null;
  let pending: unknown = null;
  return {
    async copy(code: string, clearAfterwards: boolean): Promise<void> {
      await write(code);
      lastCopied = code;
      if (pending !== null) cancel(pending);
      pending = null;
      if (!clearAfterwards) return;
      pending = schedule(() => {
        pending = null;
        if (lastCopied !== code) return;
        lastCopied = null;
        void write('').catch(() => undefined);
      }, CLIPBOARD_CLEAR_MS);
    },
  };
}
