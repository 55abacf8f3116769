import { classifyField, type FieldVerdict } from './classify';

/** A place to put a code: one input, or 4–8 single-character inputs in visual order. */
export interface CodeTarget {
  inputs: HTMLInputElement[];
  verdict: FieldVerdict;
}

/** Every open shadow root under `root`, nested ones too (one TreeWalker pass: cheaper than querySelectorAll('*')). */
export function openShadowRoots(root: Document | ShadowRoot): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  const walk = (node: Document | ShadowRoot) => {
    const walker = (node.ownerDocument ?? (node as Document)).createTreeWalker(node, NodeFilter.SHOW_ELEMENT);
    for (let current = walker.nextNode(); current; current = walker.nextNode()) {
      const shadow = (current as Element).shadowRoot;
      if (shadow) {
        found.push(shadow);
        walk(shadow);
      }
    }
  };
  walk(root);
  return found;
}

/** The inputs of the document and of the given shadow roots. */
export function allInputs(root: Document | ShadowRoot | Element, shadowRoots: readonly ShadowRoot[] = openShadowRoots(root instanceof Element ? root.ownerDocument : root)): HTMLInputElement[] {
  const own = Array.from(root.querySelectorAll('input'));
  return [...own, ...shadowRoots.flatMap((shadow) => Array.from(shadow.querySelectorAll('input')))];
}

function visualOrder(a: HTMLInputElement, b: HTMLInputElement): number {
  const ra = a.getBoundingClientRect();
  const rb = b.getBoundingClientRect();
  if (ra.width === 0 && rb.width === 0) return 0; // no layout (tests, hidden): keep DOM order
  return Math.abs(ra.top - rb.top) > ra.height / 2 ? ra.top - rb.top : ra.left - rb.left;
}

/** 4–8 adjacent maxlength=1 inputs sharing a container are one code. */
function splitGroups(inputs: HTMLInputElement[]): HTMLInputElement[][] {
  const singles = inputs.filter((i) => i.maxLength === 1 && !['hidden', 'password', 'checkbox', 'radio'].includes(i.type));
  const byContainer = new Map<Element, HTMLInputElement[]>();
  for (const input of singles) {
    // The parent, or the grandparent when each digit has its own wrapper.
    const parent = input.parentElement;
    const container = parent && parent.querySelectorAll('input').length > 1 ? parent : (parent?.parentElement ?? parent);
    if (!container) continue;
    byContainer.set(container, [...(byContainer.get(container) ?? []), input]);
  }
  return [...byContainer.values()].filter((group) => group.length >= 4 && group.length <= 8).map((group) => [...group].sort(visualOrder));
}

/** The one-time-code targets of a document or shadow root. */
export function findCodeTargets(root: Document | ShadowRoot | Element, shadowRoots?: readonly ShadowRoot[]): CodeTarget[] {
  const inputs = allInputs(root, shadowRoots);
  const targets: CodeTarget[] = [];
  const grouped = new Set<HTMLInputElement>();
  for (const group of splitGroups(inputs)) {
    const verdicts = group.map(classifyField);
    if (verdicts.some((v) => !v.otp && v.reason.startsWith('“') && v.score === 0 && /cvc|cvv|card|phone|zip|postal/.test(v.reason))) continue;
    const first = group[0];
    if (!first) continue;
    const context = classifyField(first);
    group.forEach((input) => grouped.add(input));
    targets.push({ inputs: group, verdict: { otp: true, score: Math.max(4, context.score), sent: context.sent, reason: `${group.length} single-digit fields` } });
  }
  for (const input of inputs) {
    if (grouped.has(input)) continue;
    const verdict = classifyField(input);
    if (verdict.otp) targets.push({ inputs: [input], verdict });
  }
  return targets;
}
