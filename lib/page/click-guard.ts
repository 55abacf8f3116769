/**
 * Clickjacking defence for the extension's in-page UI (issue #10, finding 7). A click on one of our
 * buttons acts only when our element was visibly on top at the click point and had been still and in
 * plain view for STEADY_MS: a page that makes it (nearly) transparent, covers it with a decoy that lets
 * clicks through, clips it, distorts it, or slides it under the pointer gets nothing.
 *
 * Two kinds of evidence:
 * - continuous, from IntersectionObserver: v2 (`trackVisibility`, Chromium) says whether anything covers
 *   the element or any ancestor (a cross-origin parent frame included) fades or distorts it; a second
 *   observer whose root margin is the element's own box fires as soon as it moves (as floating-ui's
 *   `autoUpdate` does), so "still since" is known without polling;
 * - at the click, synchronous and cheap: the hit test at the click point lands on our element through
 *   every shadow boundary, and no ancestor has opacity < 1, a filter, a clip-path, a mask, a blend mode
 *   or a transform other than a translation or an enlargement.
 * Firefox has no v2: there a decoy with `pointer-events: none` over the element cannot be seen (the
 * other checks still hold).
 *
 * While a click would be refused for want of time, the guarded controls are `aria-disabled`, which is
 * also how tests (and assistive technology) know when a click will count.
 */
export const STEADY_MS = 500;
/** Our controls are at least this big (CSS px); smaller on screen means the page shrank them (zoom, scale). */
const MIN_SIDE = 12;

/** Why a click was refused. */
export type Refusal = 'untrusted' | 'unseen' | 'unsteady';

/** Whether the element has been in plain view and still long enough; times in ms (performance.now()). */
export class Steadiness {
  private since: number | null = null;

  /** The visibility observer's verdict. */
  seen(visible: boolean, now: number): void {
    if (!visible) this.since = null;
    else this.since ??= now;
  }

  /** The element moved (or the viewport changed under it): the wait starts again. */
  moved(now: number): void {
    if (this.since !== null) this.since = now;
  }

  get visible(): boolean {
    return this.since !== null;
  }

  /** When a click will count, or null while the element is not in plain view. */
  readyAt(): number | null {
    return this.since === null ? null : this.since + STEADY_MS;
  }

  ready(now: number): boolean {
    const at = this.readyAt();
    return at !== null && now >= at;
  }
}

/** The computed-style properties the click-time check reads. */
export type StyleReader = (property: string) => string;

const IDENTITY_ISH = /^matrix\(\s*([-\d.e]+),\s*([-\d.e]+),\s*([-\d.e]+),\s*([-\d.e]+),\s*[-\d.e]+,\s*[-\d.e]+\s*\)$/;

/** A transform that only moves or enlarges (uniformly) keeps what is drawn readable; anything else may hide it. */
export function harmlessTransform(transform: string): boolean {
  if (transform === 'none' || transform === '') return true;
  const match = IDENTITY_ISH.exec(transform);
  if (!match) return false; // matrix3d, perspective: could fold the element away
  const [a, b, c, d] = match.slice(1, 5).map(Number) as [number, number, number, number];
  return b === 0 && c === 0 && a === d && a >= 1;
}

/**
 * What about one element's computed style could hide or disguise its descendants, or null. (Shrinking
 * by `scale`, `zoom` or a 3D turn is caught by the size check; a rotation hides nothing.)
 */
export function distortion(style: StyleReader): string | null {
  if (!(Number(style('opacity') || '1') >= 1)) return 'opacity';
  for (const property of ['filter', 'clip-path', 'mask-image', '-webkit-mask-image']) {
    const value = style(property);
    if (value && value !== 'none') return property;
  }
  const blend = style('mix-blend-mode');
  if (blend && blend !== 'normal') return 'mix-blend-mode';
  return harmlessTransform(style('transform')) ? null : 'transform';
}

/** The element and every ancestor up to the document, through shadow roots (open or closed: we hold the node). */
function* ancestry(element: Element): Generator<Element> {
  for (let node: Element | null = element; node; ) {
    yield node;
    if (node.parentElement) node = node.parentElement;
    else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
  }
}

/** Whether the hit test at (x, y) lands on `control` inside our shadow root, and on our host in every tree above it. */
function onTopAt(control: Element, shadow: ShadowRoot, x: number, y: number): boolean {
  const inner = shadow.elementFromPoint(x, y);
  if (!inner || !control.contains(inner)) return false;
  for (let node: Element = shadow.host; ; ) {
    const root = node.getRootNode() as Document | ShadowRoot;
    if (root.elementFromPoint(x, y) !== node) return false;
    if (!(root instanceof ShadowRoot)) return true;
    node = root.host;
  }
}

const supportsVisibility = () => typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

/** Thresholds fine enough that a move of a couple of pixels of a 300 px box crosses one. */
const MOVE_THRESHOLDS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99, 0.993, 0.996, 0.998, 0.999, 1];

/**
 * Calls `onMove` when the element's box moves or resizes (also by scrolling), with an observer whose
 * root is the element's own box: any change pushes part of it out and crosses a threshold. While the
 * element has no box (hidden) nothing is watched; `resume()` starts again once it is shown.
 */
function watchMoves(element: Element, onMove: () => void): { resume(): void; stop(): void } {
  let observer: IntersectionObserver | null = null;
  const arm = () => {
    observer?.disconnect();
    observer = null;
    const box = element.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) return;
    // The document's viewport without scroll bars (in quirks mode the root element's box is the page's).
    const quirks = document.compatMode === 'BackCompat';
    const width = quirks ? innerWidth : document.documentElement.clientWidth;
    const height = quirks ? innerHeight : document.documentElement.clientHeight;
    const inset = (distance: number) => `${-Math.floor(distance)}px`;
    const rootMargin = [box.top, width - box.right, height - box.bottom, box.left].map(inset).join(' ');
    let first = true;
    // The document as root (not the implicit one): its margins apply inside iframes too.
    observer = new IntersectionObserver(
      () => {
        if (first) first = false;
        else {
          onMove();
          arm();
        }
      },
      { root: document, rootMargin, threshold: MOVE_THRESHOLDS },
    );
    observer.observe(element);
  };
  arm();
  return {
    resume: () => observer ?? arm(),
    stop: () => observer?.disconnect(),
  };
}

export interface WatchedArea {
  /** Marks `control` (inside the area) `aria-disabled` while a click on it would not count yet. */
  guard(control: HTMLElement): void;
  /** Null when this click may act; else why not. Call from the control's click listener. */
  refusal(event: MouseEvent): Refusal | null;
  stop(): void;
}

/**
 * Watches `area` (an element of our closed `shadow` root: a button, a panel) and judges clicks on its
 * controls, until `stop()`.
 */
export function watchArea(area: HTMLElement, shadow: ShadowRoot): WatchedArea {
  const state = new Steadiness();
  const controls = new Set<HTMLElement>();
  let lastBox = area.getBoundingClientRect();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const refresh = () => {
    clearTimeout(timer);
    const now = performance.now();
    const ready = state.ready(now);
    for (const control of controls) {
      if (!control.isConnected) controls.delete(control);
      else if (ready) control.removeAttribute('aria-disabled');
      else control.setAttribute('aria-disabled', 'true');
    }
    const at = state.readyAt();
    if (!ready && at !== null) timer = setTimeout(refresh, Math.max(0, at - now) + 1);
  };

  const v2 = supportsVisibility();
  const options = { threshold: [0, 0.99, 1], ...(v2 ? { trackVisibility: true, delay: 100 } : {}) } as IntersectionObserverInit;
  const visibility = new IntersectionObserver((entries) => {
    const entry = entries[entries.length - 1];
    if (!entry) return;
    const visible = entry.isIntersecting && entry.intersectionRatio >= 0.99 && (!v2 || (entry as IntersectionObserverEntry & { isVisible?: boolean }).isVisible === true);
    state.seen(visible, performance.now());
    lastBox = area.getBoundingClientRect();
    if (visible) moves.resume();
    refresh();
  }, options);
  const moves = watchMoves(area, () => {
    state.moved(performance.now());
    lastBox = area.getBoundingClientRect();
    refresh();
  });
  visibility.observe(area);

  const stop = () => {
    visibility.disconnect();
    moves.stop();
    clearTimeout(timer);
  };

  return {
    guard(control) {
      controls.add(control);
      // Not refresh(): a control is guarded as it is made, before it is in the page (refresh drops those).
      if (!state.ready(performance.now())) control.setAttribute('aria-disabled', 'true');
    },
    refusal(event) {
      if (!event.isTrusted) return 'untrusted';
      if (!area.isConnected) return 'unseen';
      const control = event.currentTarget instanceof HTMLElement ? event.currentTarget : area;
      // A keyboard activation (Enter, Space on our focused button) has no point to test.
      const byPointer = event.detail > 0 || event.clientX !== 0 || event.clientY !== 0;
      if (byPointer && !onTopAt(control, shadow, event.clientX, event.clientY)) return 'unseen';
      const box = control.getBoundingClientRect();
      if (box.width < MIN_SIDE || box.height < MIN_SIDE) return 'unseen';
      // Visibility is inherited (only as far as our host's `all: initial`), so the control's own says it all.
      if (getComputedStyle(control).visibility !== 'visible') return 'unseen';
      for (const element of ancestry(control)) {
        const style = getComputedStyle(element);
        if (distortion((property) => style.getPropertyValue(property)) !== null) return 'unseen';
      }
      if (!state.visible) return 'unseen';
      // Moved since the observers last looked (they report after the next frame): it is not still.
      const now = area.getBoundingClientRect();
      if (Math.abs(now.left - lastBox.left) > 0.5 || Math.abs(now.top - lastBox.top) > 0.5) {
        state.moved(performance.now());
        lastBox = now;
        refresh();
        return 'unsteady';
      }
      return state.ready(performance.now()) ? null : 'unsteady';
    },
    stop,
  };
}
