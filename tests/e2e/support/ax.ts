import type { CDPSession, Frame, Page } from '@playwright/test';

/**
 * Finds controls the way assistive technology (and a person) sees them: by role and accessible name,
 * through Chromium's accessibility tree, which includes the extension's CLOSED shadow roots that
 * Playwright's locators cannot enter. Clicks land with the real mouse at the element's position.
 */
export interface AxControl {
  role: string;
  name: string;
  backendNodeId: number;
  frame: Frame;
  /** Disabled (or aria-disabled) when it was found: the extension's in-page buttons are until they have been in plain view a moment. */
  disabled?: boolean;
}

interface AxNode {
  role?: { value?: string };
  name?: { value?: string };
  backendDOMNodeId?: number;
  ignored?: boolean;
  properties?: { name: string; value?: { value?: unknown } }[];
}

const isDisabled = (node: AxNode) => node.properties?.some((p) => p.name === 'disabled' && p.value?.value === true) ?? false;

/** A CDP session that can see `frame`: its own for out-of-process frames, else the page's. */
async function sessionFor(page: Page, frame: Frame): Promise<{ cdp: CDPSession; frameId?: string; ownProcess?: boolean }> {
  if (frame !== page.mainFrame()) {
    try {
      const cdp = await page.context().newCDPSession(frame);
      return { cdp, ownProcess: true };
    } catch {
      /* same-process frame: ask the page's session with its frame id below */
    }
  }
  const cdp = await page.context().newCDPSession(page);
  if (frame === page.mainFrame()) return { cdp };
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameTree };
  const id = findFrameId(frameTree, frame.url(), frame.name());
  return { cdp, frameId: id };
}

interface FrameTree {
  frame: { id: string; url: string; name?: string };
  childFrames?: FrameTree[];
}

function findFrameId(tree: FrameTree, url: string, name: string): string | undefined {
  for (const child of tree.childFrames ?? []) {
    if (child.frame.url === url && (child.frame.name ?? '') === name) return child.frame.id;
    const deeper = findFrameId(child, url, name);
    if (deeper) return deeper;
  }
  return undefined;
}

/** Every control in any frame of the page whose role and accessible name match. */
export async function findControls(page: Page, role: string, name: RegExp): Promise<AxControl[]> {
  const found: AxControl[] = [];
  for (const frame of page.frames()) {
    let cdp: CDPSession | undefined;
    try {
      const target = await sessionFor(page, frame);
      cdp = target.cdp;
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree', target.frameId ? { frameId: target.frameId } : {})) as { nodes: AxNode[] };
      for (const node of nodes) {
        if (node.ignored || node.backendDOMNodeId === undefined) continue;
        if (node.role?.value === role && name.test(node.name?.value ?? '')) {
          found.push({ role, name: node.name?.value ?? '', backendNodeId: node.backendDOMNodeId, frame, disabled: isDisabled(node) });
        }
      }
    } catch {
      /* a frame that went away while we looked */
    } finally {
      await cdp?.detach().catch(() => undefined);
    }
  }
  return found;
}

/** Whether the control is disabled now (its accessibility node says so). */
export async function isControlDisabled(page: Page, control: AxControl): Promise<boolean> {
  const { cdp } = await sessionFor(page, control.frame);
  try {
    const { nodes } = (await cdp.send('Accessibility.getPartialAXTree', { backendNodeId: control.backendNodeId, fetchRelatives: false })) as { nodes: AxNode[] };
    return nodes.some(isDisabled);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Waits until the control is (or is no longer) disabled; false after `timeoutMs` without that. */
export async function waitForControlState(page: Page, control: AxControl, state: 'enabled' | 'disabled', timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await isControlDisabled(page, control)) === (state === 'disabled')) return true;
    if (Date.now() > deadline) return false;
    await page.waitForTimeout(100);
  }
}

/**
 * Clicks the centre of a control with the mouse, after scrolling it into view and (unless `force`)
 * waiting until it is enabled, as a person waits for a greyed-out button.
 */
export async function clickControl(page: Page, control: AxControl, { force = false }: { force?: boolean } = {}): Promise<void> {
  const { cdp, ownProcess } = await sessionFor(page, control.frame);
  try {
    await cdp.send('DOM.getDocument', { depth: 0 });
    await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: control.backendNodeId }).catch(() => undefined);
    if (!force) await waitForControlState(page, control, 'enabled', 10_000);
    const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: control.backendNodeId })) as { model: { border: number[] } };
    const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.border;
    let x = (x1 + x3) / 2;
    let y = (y1 + y3) / 2;
    // Through the page's session, boxes of nodes in same-process frames are already in the page's
    // coordinates; an out-of-process frame's own session gives the frame's coordinates, so add the
    // frame element's box (Playwright gives it in the top page's coordinates).
    if (ownProcess) {
      const box = await (await control.frame.frameElement()).boundingBox();
      if (box) {
        x += box.x;
        y += box.y;
      }
    }
    await page.mouse.click(x, y);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Waits until a control matching role and name exists, or returns null after `timeoutMs`. */
export async function waitForControl(page: Page, role: string, name: RegExp, timeoutMs: number): Promise<AxControl | null> {
  const deadline = Date.now() + timeoutMs;
  do {
    const [control] = await findControls(page, role, name);
    if (control) return control;
    await page.waitForTimeout(150);
  } while (Date.now() < deadline);
  return null;
}
