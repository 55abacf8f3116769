import { classifyField, type FieldVerdict } from './classify';
import { splitGroups } from './split';

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

/** The one-time-code targets of a document or shadow root. */
export function findCodeTargets(root: Document | ShadowRoot | Element, shadowRoots?: readonly ShadowRoot[]): CodeTarget[] {
  const inputs = allInputs(root, shadowRoots);
  const targets: CodeTarget[] = [];
  const grouped = new Set<HTMLInputElement>();
  for (const group of splitGroups(inputs)) {
    const verdicts = group.map(classifyField);
    // One digit box labelled "card", "phone", "ZIP"… makes the whole group something else.
    if (verdicts.some((v) => v.excluded || v.pending)) continue;
    const context = verdicts[0];
    if (!context) continue;
    group.forEach((input) => grouped.add(input));
    targets.push({ inputs: group, verdict: { otp: true, score: Math.max(4, context.score), sent: context.sent, excluded: false, reason: `${group.length} single-digit fields` } });
  }
  for (const input of inputs) {
    if (grouped.has(input)) continue;
    const verdict = classifyField(input);
    if (verdict.otp) targets.push({ inputs: [input], verdict });
  }
  return targets;
}
