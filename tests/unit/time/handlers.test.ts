import { describe, expect, it } from 'vitest';
import type { ExtensionPageSender } from '@/lib/messaging/types';
import { createClockHandlers } from '@/lib/time/handlers';

const POPUP: ExtensionPageSender = { kind: 'extension-page', url: 'chrome-extension://abc/popup.html' };
const SERVER_NOW = Date.parse('Mon, 23 Nov 2026 10:00:00 GMT');

async function setup(tabUrl: string | null) {
  const asked: string[] = [];
  const handlers = createClockHandlers({
    now: () => SERVER_NOW + 42_500, // this computer is 42 s fast
    fetchDate: async (url) => {
      asked.push(url);
      return 'Mon, 23 Nov 2026 10:00:00 GMT';
    },
    activeTab: async () => (tabUrl ? { id: 1, url: tabUrl } : null),
  });
  return { handlers, asked };
}

describe('clock/check', () => {
  it('measures the offset against the active tab’s own site, asking nobody else', async () => {
    const { handlers, asked } = await setup('https://bank.example/login');
    expect(await handlers['clock/check'](null, POPUP)).toEqual({ status: 'checked', site: 'bank.example', offsetSeconds: -42, uncertaintySeconds: 1 });
    expect(asked).toEqual(['https://bank.example/login']);
  });

  it('does not fetch when no web page is active', async () => {
    const { handlers, asked } = await setup('chrome://newtab/');
    expect(await handlers['clock/check'](null, POPUP)).toEqual({ status: 'unavailable', reason: 'no_site' });
    expect(asked).toEqual([]);
  });
});

