import { describe, expect, it } from 'vitest';
import type { SenderContext } from '@/lib/messaging/sender';
import { createEnrolHandlers } from '@/lib/qr/handlers';

const PAGE: SenderContext = { kind: 'content-script', url: 'https://shop.example/2fa', origin: 'https://shop.example', tabId: 4, frameId: 0, topUrl: 'https://shop.example/2fa' };

function setup() {
  const fetched: string[] = [];
  const handlers = createEnrolHandlers({
    qrTextOfUrl: async (url: string) => {
      fetched.push(url);
      return 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP';
    },
    injectScanner: async () => undefined,
    scanActiveTab: async () => ({ found: 0, status: 'no_qr' }),
    openUnlockWindow: async () => undefined,
  } as unknown as Parameters<typeof createEnrolHandlers>[0]);
  return { handlers, fetched };
}

describe('enrol handlers: what a page may have the background read', () => {
  it('fetches a public HTTPS image, and nothing on plain HTTP or in the person’s network', async () => {
    const { handlers, fetched } = setup();
    expect(await handlers['enrol/decodeImageUrl']({ url: 'https://cdn.other.example/qr.png' }, PAGE)).toEqual({ text: 'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP' });
    for (const url of ['http://cdn.other.example/qr.png', 'http://nas.intranet/qr.png', 'https://192.168.1.1/qr.png', 'https://localhost/qr.png']) {
      expect(await handlers['enrol/decodeImageUrl']({ url }, PAGE)).toEqual({ text: null });
    }
    expect(fetched).toEqual(['https://cdn.other.example/qr.png']);
  });

  it('has no way to read the screen', () => {
    const { handlers } = setup();
    expect(Object.keys(handlers)).not.toContain('enrol/decodeScreenRegion');
  });

  it('answers only content scripts', async () => {
    const { handlers } = setup();
    await expect(handlers['enrol/decodeImageUrl']({ url: 'https://cdn.other.example/qr.png' }, { kind: 'extension-page', url: 'chrome-extension://x/popup.html' })).rejects.toThrow(/Only a page/);
  });
});
