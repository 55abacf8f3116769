// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NOTHING_LIVE, trackAttachments, type Attachments } from '../support/attachments';

const probe = { mayShowQr: false };
vi.mock('@/lib/qr/probe', () => ({ pageMayShowEnrolmentQr: () => probe.mayShowQr }));
const sent: string[] = [];
vi.mock('wxt/browser', () => ({
  browser: {
    runtime: {
      sendMessage: async ({ type }: { type: string }) => {
        sent.push(type);
        return { ok: true, value: null };
      },
    },
  },
}));

let tracked: Attachments;
afterEach(() => tracked.restore());
const { startEnrolmentWatch } = await import('@/lib/qr/watch');

describe('the content script’s enrolment watch', () => {
  it('aborted: its load listener, DOM watcher and timers are gone', async () => {
    tracked = trackAttachments();
    probe.mayShowQr = false;
    const lifetime = new AbortController();
    startEnrolmentWatch(lifetime.signal);
    await vi.waitFor(() => expect(tracked.live().listeners).toContain('document load'));
    expect(tracked.live().observers).toBe(1);
    lifetime.abort();
    expect(tracked.live()).toEqual(NOTHING_LIVE);
    probe.mayShowQr = true;
    document.body.append(document.createElement('img'));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(sent).toEqual([]);
  });

  it('once it asked for the decoder it removes all it attached (the decoder watches from then on)', async () => {
    tracked = trackAttachments();
    probe.mayShowQr = false;
    startEnrolmentWatch(new AbortController().signal);
    await vi.waitFor(() => expect(tracked.live().observers).toBe(1));
    probe.mayShowQr = true;
    document.body.append(document.createElement('canvas'));
    await vi.waitFor(() => expect(sent).toEqual(['enrol/scanMe']));
    expect(tracked.live()).toEqual(NOTHING_LIVE);
  });
});
