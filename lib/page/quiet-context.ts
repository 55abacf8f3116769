import { browser } from 'wxt/browser';

/**
 * The context WXT hands a content script's `main(ctx)`, without WXT's page-visible start-up signal
 * (issue #10, finding 8). WXT's own class tells an older copy of the script to stop (after the extension
 * was reloaded or updated) with a `window.postMessage` and a DOM event on `document`, both named after
 * the extension's id: any page can listen for them and learn the extension is installed. Here a newer
 * copy reaches the older one through the extension's isolated world instead (its globals are shared by
 * the copies in a frame, and invisible to the page); a copy in a world of its own still stops, as in
 * WXT, when it finds its extension context gone (`isValid`).
 *
 * wxt.config.ts points WXT's content-script entrypoint here instead of `wxt/utils/content-script-context`.
 * The API is WXT's (`signal`, `onInvalidated`, `isValid`, the timer wrappers, `addEventListener`), so
 * teardown code written for WXT's ctx works unchanged; WXT's synthetic `wxt:locationchange` event is not
 * provided (nothing here uses it).
 */
const RUNNING = '__keyringContentScriptContexts';

type Running = Record<string, ContentScriptContext | undefined>;

export class ContentScriptContext {
  private readonly controller = new AbortController();

  constructor(
    readonly contentScriptName: string,
    readonly options?: object,
  ) {
    const running = ((globalThis as { [RUNNING]?: Running })[RUNNING] ??= {});
    running[contentScriptName]?.notifyInvalidated();
    running[contentScriptName] = this;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  get isInvalid(): boolean {
    if (browser.runtime?.id == null) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  /** Calls `callback` when this copy of the script is stopped; returns a function that removes it. */
  onInvalidated(callback: () => void): () => void {
    this.signal.addEventListener('abort', callback);
    return () => this.signal.removeEventListener('abort', callback);
  }

  /** A promise that never settles: for async work that must not go on once the script is stopped. */
  block<T>(): Promise<T> {
    return new Promise(() => undefined);
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => this.isValid && handler(), timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => this.isValid && handler(), timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((time) => this.isValid && callback(time));
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((deadline) => !this.signal.aborted && callback(deadline), options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  /** `target.addEventListener`, removed when this copy of the script is stopped. */
  addEventListener(target: EventTarget, type: string, handler: EventListenerOrEventListenerObject, options?: AddEventListenerOptions): void {
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }

  notifyInvalidated(): void {
    this.abort('Content script context invalidated');
  }
}
