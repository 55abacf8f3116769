import { useEffect, useState } from 'preact/hooks';
import { errorText, t } from '@/lib/i18n';
import { request } from '@/lib/messaging/client';
import { isClockOff, type ClockCheck } from '@/lib/time/clock';
import type { Settings } from '@/lib/settings/settings';

/** Checks the clock against the current tab's site once per opening; warns (with a fix) when off by > 15 s. */
export function ClockWarning({ settings, onApplied }: { settings: Settings; onApplied: (settings: Settings) => void }) {
  const [check, setCheck] = useState<ClockCheck | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    // After the first paint: the codes come first, the check is a background nicety.
    const timer = setTimeout(() => void request('clock/check', null).then(setCheck, () => undefined), 50);
    return () => clearTimeout(timer);
  }, []);
  if (!check || check.status !== 'checked' || !isClockOff(check, settings.clockOffsetSeconds)) return null;

  const drift = check.offsetSeconds - settings.clockOffsetSeconds;
  const apply = async () => {
    try {
      onApplied(await request('settings/set', { clockOffsetSeconds: check.offsetSeconds }));
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <div class="warning clock-warning" role="alert">
      <p>{drift < 0 ? t('clock_fast', [String(-drift), check.site]) : t('clock_slow', [String(drift), check.site])}</p>
      <button type="button" onClick={apply}>{t('clock_apply', String(check.offsetSeconds))}</button>
      {error && <p class="error">{error}</p>}
    </div>
  );
}
