// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

const runtime: { id?: string } = { id: 'keyring' };
vi.mock('wxt/browser', () => ({ browser: { runtime } }));
const { injectedLifetime, timersFor } = await import('@/lib/page/lifetime');
const { ContentScriptContext } = await import('@/lib/page/quiet-context');

afterEach(() => {
  vi.useRealTimers();
  runtime.id = 'keyring';
});

describe('timersFor', () => {
  it('clears every pending timeout, interval and idle callback when the signal aborts, and starts none after', () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const timers = timersFor(controller.signal);
    const ran = vi.fn();
    timers.setTimeout(ran, 100);
    timers.setInterval(ran, 100);
    timers.whenIdle(ran, 1000);
    expect(vi.getTimerCount()).toBe(3);
    controller.abort();
    expect(vi.getTimerCount()).toBe(0);
    timers.setTimeout(ran, 10);
    timers.setInterval(ran, 10);
    timers.whenIdle(ran, 10);
    vi.advanceTimersByTime(5000);
    expect(ran).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a timeout that ran is forgotten; an interval stops by the function it returns', () => {
    vi.useFakeTimers();
    const timers = timersFor(new AbortController().signal);
    const ran = vi.fn();
    timers.setTimeout(ran, 10);
    const stop = timers.setInterval(ran, 100);
    vi.advanceTimersByTime(250);
    expect(ran).toHaveBeenCalledTimes(3);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('injectedLifetime: the scanner and fill UI live as long as the content script’s context', () => {
  it('aborts when WXT’s context is invalidated (a newer copy of the content script started)', () => {
    const first = new ContentScriptContext('content');
    const lifetime = injectedLifetime();
    expect(lifetime.signal.aborted).toBe(false);
    new ContentScriptContext('content'); // the extension was updated: the new copy stops the old one
    expect(first.signal.aborted).toBe(true);
    expect(lifetime.signal.aborted).toBe(true);
  });

  it('is born aborted in a frame whose content script already stopped', () => {
    const context = new ContentScriptContext('content');
    context.abort();
    expect(injectedLifetime().signal.aborted).toBe(true);
  });

  it('aborts at the next look once the extension is gone (reloaded under an orphaned copy)', () => {
    new ContentScriptContext('content');
    const lifetime = injectedLifetime();
    expect(lifetime.stillConnected()).toBe(true);
    delete runtime.id;
    expect(lifetime.stillConnected()).toBe(false);
    expect(lifetime.signal.aborted).toBe(true);
  });
});
