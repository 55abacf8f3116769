/**
 * Records what code attaches to the page from now on: event listeners on the window, the document or an element
 * still in the page (until removed by removeEventListener or by their `signal`), observers (Mutation and Intersection, until disconnect) and timers (timeouts until they
 * ran or were cleared, intervals until cleared, idle callbacks). For teardown tests: after the feature's
 * signal aborted, `live()` must be empty. Install before the code under test runs; `restore()` after.
 */
interface Listener {
  target: EventTarget;
  type: string;
  callback: unknown;
  capture: boolean;
}

export interface Attachments {
  /** `observers`: Mutation and Intersection observers observing something; `intersection`: those of them that are IntersectionObservers. */
  live(): { listeners: string[]; observers: number; intersection: number; timeouts: number; intervals: number; idle: number };
  restore(): void;
}

/**
 * Self-contained (no reference outside its body), so that an end-to-end test can run its source text in the
 * extension's isolated world of a page (tests/e2e/support/content-world.ts).
 */
export function trackAttachments(): Attachments {
  const describeTarget = (target: EventTarget) => (target === globalThis || target === window ? 'window' : target === document ? 'document' : (target as Node).nodeName ?? 'target');
  const listeners = new Set<Listener>();
  const observers = new Set<object>();
  const timeouts = new Set<unknown>();
  const intervals = new Set<unknown>();
  const idle = new Set<unknown>();
  const saved: [object, string, unknown][] = [];
  const patch = <T extends object>(owner: T, name: string, make: (original: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown) => {
    const original = (owner as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
    saved.push([owner, name, original]);
    (owner as Record<string, unknown>)[name] = make(original);
  };
  const sameListener = (a: Listener, b: Omit<Listener, never>) => a.target === b.target && a.type === b.type && a.callback === b.callback && a.capture === b.capture;
  const captureOf = (options: unknown) => (typeof options === 'boolean' ? options : Boolean((options as AddEventListenerOptions | undefined)?.capture));

  const record = (target: EventTarget, args: unknown[]) => {
    const [type, callback, options] = args as [string, unknown, AddEventListenerOptions | boolean | undefined];
    const entry: Listener = { target, type, callback, capture: captureOf(options) };
    const signal = typeof options === 'object' ? options.signal : undefined;
    // AbortSignals' own 'abort' listeners are how teardown is wired, not something left on the page.
    if (target instanceof AbortSignal || signal?.aborted || !callback || [...listeners].some((l) => sameListener(l, entry))) return;
    listeners.add(entry);
    signal?.addEventListener('abort', () => listeners.delete(entry), { once: true });
  };
  const forget = (target: EventTarget, args: unknown[]) => {
    const [type, callback, options] = args as [string, unknown, EventListenerOptions | boolean | undefined];
    for (const l of listeners) if (sameListener(l, { target, type, callback, capture: captureOf(options) })) listeners.delete(l);
  };
  // Every object that owns the methods for the page's targets: in a test environment the global object, the
  // document's and the global EventTarget may each have their own (happy-dom's do).
  const owners = new Set<object>();
  for (const target of [globalThis, document, document.createElement('div'), EventTarget.prototype]) {
    let owner: object | null = target;
    while (owner && !Object.prototype.hasOwnProperty.call(owner, 'addEventListener')) owner = Object.getPrototypeOf(owner) as object | null;
    if (owner) owners.add(owner);
  }
  for (const owner of owners) {
    patch(owner, 'addEventListener', (original) =>
      function (this: EventTarget | undefined, ...args: unknown[]) {
        record(this ?? window, args);
        return original.apply(this, args);
      },
    );
    patch(owner, 'removeEventListener', (original) =>
      function (this: EventTarget | undefined, ...args: unknown[]) {
        forget(this ?? window, args);
        return original.apply(this, args);
      },
    );
  }
  for (const Observer of [MutationObserver, IntersectionObserver]) {
    patch(Observer.prototype, 'observe', (original) =>
      function (this: object, ...args: unknown[]) {
        observers.add(this);
        return original.apply(this, args);
      },
    );
    patch(Observer.prototype, 'disconnect', (original) =>
      function (this: object, ...args: unknown[]) {
        observers.delete(this);
        return original.apply(this, args);
      },
    );
  }
  const timerOwner = globalThis as unknown as Record<string, unknown>;
  patch(timerOwner, 'setTimeout', (original) => (...args: unknown[]) => {
    const [callback, ...rest] = args as [(...a: unknown[]) => void, ...unknown[]];
    const id: unknown = original(
      (...callbackArgs: unknown[]) => {
        timeouts.delete(id);
        callback(...callbackArgs);
      },
      ...rest,
    );
    timeouts.add(id);
    return id;
  });
  patch(timerOwner, 'clearTimeout', (original) => (id: unknown) => {
    timeouts.delete(id);
    return original(id);
  });
  patch(timerOwner, 'setInterval', (original) => (...args: unknown[]) => {
    const id = original(...args);
    intervals.add(id);
    return id;
  });
  patch(timerOwner, 'clearInterval', (original) => (id: unknown) => {
    intervals.delete(id);
    return original(id);
  });
  if (typeof timerOwner.requestIdleCallback === 'function') {
    patch(timerOwner, 'requestIdleCallback', (original) => (...args: unknown[]) => {
      const [callback, ...rest] = args as [(...a: unknown[]) => void, ...unknown[]];
      const id: unknown = original((...callbackArgs: unknown[]) => {
        idle.delete(id);
        callback(...callbackArgs);
      }, ...rest);
      idle.add(id);
      return id;
    });
    patch(timerOwner, 'cancelIdleCallback', (original) => (id: unknown) => {
      idle.delete(id);
      return original(id);
    });
  }
  return {
    live: () => ({
      // A listener on an element that left the page (our removed host's button) goes with it.
      listeners: [...listeners].filter((l) => !(l.target instanceof Node) || l.target.isConnected).map((l) => `${describeTarget(l.target)} ${l.type}`),
      observers: observers.size,
      intersection: [...observers].filter((o) => o instanceof IntersectionObserver).length,
      timeouts: timeouts.size,
      intervals: intervals.size,
      idle: idle.size,
    }),
    restore() {
      for (const [owner, name, original] of saved.reverse()) (owner as Record<string, unknown>)[name] = original;
    },
  };
}

export const NOTHING_LIVE = { listeners: [], observers: 0, intersection: 0, timeouts: 0, intervals: 0, idle: 0 };
