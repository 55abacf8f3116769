import { describe, expect, it } from 'vitest';
import { checkClock, clockCheckUrls, isClockOff, offsetFromSample } from '@/lib/time/clock';

const SERVER = Date.parse('Mon, 23 Nov 2026 10:00:00 GMT');

describe('offsetFromSample', () => {
  it('is about zero when the clocks agree (server second taken at its middle, local at mid round trip)', () => {
    expect(offsetFromSample({ dateHeader: 'Mon, 23 Nov 2026 10:00:00 GMT', sentAt: SERVER + 400, receivedAt: SERVER + 600 })).toEqual({
      offsetSeconds: 0,
      uncertaintySeconds: 1,
    });
  });

  it('measures a computer 42 s fast as -42 s, and one 20 s slow as +20 s', () => {
    const fast = offsetFromSample({ dateHeader: 'Mon, 23 Nov 2026 10:00:00 GMT', sentAt: SERVER + 42_400, receivedAt: SERVER + 42_600 });
    expect(fast?.offsetSeconds).toBe(-42);
    const slow = offsetFromSample({ dateHeader: 'Mon, 23 Nov 2026 10:00:00 GMT', sentAt: SERVER - 19_600, receivedAt: SERVER - 19_400 });
    expect(slow?.offsetSeconds).toBe(20);
  });

  it('grows the uncertainty with the round trip and refuses a bad header', () => {
    expect(offsetFromSample({ dateHeader: 'Mon, 23 Nov 2026 10:00:00 GMT', sentAt: SERVER - 3000, receivedAt: SERVER + 3000 })?.uncertaintySeconds).toBe(4);
    expect(offsetFromSample({ dateHeader: 'yesterday', sentAt: 0, receivedAt: 1 })).toBeNull();
  });
});

describe('isClockOff', () => {
  const checked = (offsetSeconds: number, uncertaintySeconds = 1) => ({ status: 'checked' as const, site: 'example.com', offsetSeconds, uncertaintySeconds });

  it('warns beyond 15 s (plus the measurement uncertainty), not within', () => {
    expect(isClockOff(checked(17), 0)).toBe(true);
    expect(isClockOff(checked(-17), 0)).toBe(true);
    expect(isClockOff(checked(15), 0)).toBe(false);
    expect(isClockOff(checked(18, 4), 0), 'slow round trip').toBe(false);
  });

  it('does not warn once the offset is applied', () => {
    expect(isClockOff(checked(120), 120)).toBe(false);
    expect(isClockOff(checked(0), 120)).toBe(true);
  });

  it('never warns without a measurement', () => {
    expect(isClockOff({ status: 'unavailable', reason: 'no_site' }, 0)).toBe(false);
  });
});

describe('checkClock', () => {
  it('asks only the tab\'s own origin: the page first, then its root', async () => {
    const asked: string[] = [];
    const result = await checkClock(
      'https://accounts.example.com/login?next=1#top',
      async (url) => {
        asked.push(url);
        return url.endsWith('/') ? 'Mon, 23 Nov 2026 10:00:00 GMT' : null;
      },
      () => SERVER + 500,
    );
    expect(asked).toEqual(['https://accounts.example.com/login?next=1', 'https://accounts.example.com/']);
    expect(result).toEqual({ status: 'checked', site: 'accounts.example.com', offsetSeconds: 0, uncertaintySeconds: 1 });
  });

  it('does nothing for extension, file and browser pages', async () => {
    const never = async (): Promise<string> => {
      throw new Error('must not fetch');
    };
    for (const url of ['chrome://settings', 'chrome-extension://abc/popup.html', 'file:///etc/passwd', 'not a url']) {
      expect(await checkClock(url, never, Date.now)).toEqual({ status: 'unavailable', reason: 'no_site' });
    }
    expect(await checkClock(null, never, Date.now)).toEqual({ status: 'unavailable', reason: 'no_site' });
  });

  it('tells a network failure from a response without a Date header', async () => {
    const failing = async (): Promise<string> => {
      throw new TypeError('Failed to fetch');
    };
    expect(await checkClock('https://a.example/', failing, Date.now)).toEqual({ status: 'unavailable', reason: 'network' });
    expect(await checkClock('https://a.example/', async () => null, Date.now)).toEqual({ status: 'unavailable', reason: 'no_date' });
  });

  it('lists the root once when the page is the root', () => {
    expect(clockCheckUrls('http://example.com/')).toEqual(['http://example.com/']);
  });
});
