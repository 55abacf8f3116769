import { useState } from 'preact/hooks';
import { errorText } from '@/lib/i18n';

/** A form's async action: `busy` while it runs, and its error as text for the person (one try/catch for all forms). */
export function useAction(): { busy: boolean; error: string; setError: (text: string) => void; run: (action: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await action();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
