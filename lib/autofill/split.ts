/**
 * Split code fields: 4–8 adjacent single-character inputs that together take one code
 * (`<input maxlength=1>` × 6 is the common "PIN box" pattern; some use `maxlength=2` and let their own input
 * handler keep the last character typed, so a box can be overtyped).
 */

export const SPLIT_MIN = 4;
export const SPLIT_MAX = 8;

const NOT_TYPED = new Set(['hidden', 'password', 'checkbox', 'radio', 'submit', 'button', 'reset', 'file', 'image']);

/** Left-to-right, then top-to-bottom, as the person sees them; DOM order when there is no layout. */
export function visualOrder(a: HTMLElement, b: HTMLElement): number {
  const ra = a.getBoundingClientRect();
  const rb = b.getBoundingClientRect();
  if ((ra.width === 0 && ra.height === 0) || (rb.width === 0 && rb.height === 0)) return 0; // hidden or no layout (tests)
  // On one line when their tops differ by less than half a box.
  if (Math.abs(ra.top - rb.top) > Math.max(ra.height, rb.height) / 2) return ra.top - rb.top;
  return ra.left - rb.left;
}

/** The element a split input belongs to: its parent, or the grandparent when each digit has its own wrapper. */
function containerOf(input: HTMLInputElement): Element | null {
  const parent = input.parentElement;
  if (!parent) return null;
  return parent.querySelectorAll('input').length > 1 ? parent : (parent.parentElement ?? parent);
}

/** Groups of 4–8 single-character inputs sharing a container, each group in visual order. */
export function splitGroups(inputs: readonly HTMLInputElement[]): HTMLInputElement[][] {
  const byContainer = new Map<Element, HTMLInputElement[]>();
  for (const input of inputs) {
    if (input.maxLength < 1 || input.maxLength > 2 || NOT_TYPED.has(input.type)) continue;
    const container = containerOf(input);
    if (!container) continue;
    const group = byContainer.get(container);
    if (group) group.push(input);
    else byContainer.set(container, [input]);
  }
  const groups: HTMLInputElement[][] = [];
  for (const group of byContainer.values()) {
    // Array.prototype.sort is stable, so equal (layout-less) inputs keep DOM order.
    if (group.length >= SPLIT_MIN && group.length <= SPLIT_MAX) groups.push([...group].sort(visualOrder));
  }
  return groups;
}
