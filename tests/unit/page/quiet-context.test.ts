// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';

const runtime: { id: string | undefined } = { id: 'keyring-test-id' };
vi.mock('wxt/browser', () => ({ browser: { runtime } }));

const { ContentScriptContext } = await import('@/lib/page/quiet-context');

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  runtime.id = 'keyring-test-id';
});

describe('the content-script context without a page-visible start-up signal', () => {
  it('starts without posting a message or dispatching an event the page could hear', () => {
    const posted = vi.spyOn(window, 'postMessage');
    const onDocument = vi.spyOn(document, 'dispatchEvent');
    const onWindow = vi.spyOn(window, 'dispatchEvent');
    const context = new ContentScriptContext('content', {});
    expect(posted).not.toHaveBeenCalled();
    expect(onDocument).not.toHaveBeenCalled();
    expect(onWindow).not.toHaveBeenCalled();
    expect(context.isValid).toBe(true);
  });

  it('a newer copy of the script stops the older one (the extension was reloaded or updated)', () => {
    const older = new ContentScriptContext('content');
    const other = new ContentScriptContext('other-script');
    const stopped = vi.fn();
    older.onInvalidated(stopped);
    const newer = new ContentScriptContext('content');
    expect(stopped).toHaveBeenCalledOnce();
    expect(older.signal.aborted).toBe(true);
    expect(newer.isValid).toBe(true);
    expect(other.isValid).toBe(true);
  });

  it('a copy whose extension is gone stops, and its timers and listeners with it', () => {
    vi.useFakeTimers();
    const context = new ContentScriptContext('content');
    const tick = vi.fn();
    const click = vi.fn();
    context.setInterval(tick, 100);
    context.addEventListener(document, 'click', click);
    vi.advanceTimersByTime(250);
    expect(tick).toHaveBeenCalledTimes(2);
    runtime.id = undefined; // the extension was removed or reloaded: this copy is orphaned
    vi.advanceTimersByTime(100);
    expect(context.isValid).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(tick).toHaveBeenCalledTimes(2);
    document.dispatchEvent(new Event('click'));
    expect(click).not.toHaveBeenCalled();
  });
});
