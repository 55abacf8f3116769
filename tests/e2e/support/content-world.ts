import type { CDPSession, Page } from '@playwright/test';

/**
 * The attacker of the threat model "a compromised renderer that reaches the content-script world":
 * code that runs inside the extension's own isolated world of a page (where `chrome.runtime` and
 * `chrome.storage` are the content script's), reached through CDP's execution contexts.
 * Tests use it to perform attacks exactly as such code could, never to help the extension.
 */
export interface ContentWorld {
  /** Evaluates an expression (awaited if it is a promise) in the extension's isolated world of the top frame. */
  evaluate<T>(expression: string): Promise<T>;
  detach(): Promise<void>;
}

export interface InspectedContentWorld extends ContentWorld {
  /**
   * The event listeners this world has on `window`, `document` and `navigation` (CDP's DOMDebugger lists a
   * world's own only), e.g. `window popstate`, `document load (capture)`: for teardown tests.
   */
  listeners(): Promise<string[]>;
}

interface ContextDescription {
  id: number;
  origin: string;
  name: string;
  auxData?: { isDefault?: boolean; type?: string; frameId?: string };
}

/**
 * Attaches to `page` and finds the isolated world the extension's content script runs in.
 * The content script must already have run in the page (it is injected at document_idle).
 */
export async function openContentWorld(page: Page, extensionName = 'Keyring', frameUrlPart?: string): Promise<InspectedContentWorld> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: ContextDescription[] = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: ContextDescription }) => contexts.push(event.context));
  await cdp.send('Runtime.enable'); // replays every existing context as executionContextCreated
  const frames = (await cdp.send('Page.getFrameTree')) as { frameTree: FrameTree };
  const frameIds = collectFrames(frames.frameTree)
    .filter((frame) => (frameUrlPart ? frame.url.includes(frameUrlPart) : frame.isTop))
    .map((frame) => frame.id);
  const context = contexts.find(
    (c) => c.auxData?.type === 'isolated' && c.name.includes(extensionName) && frameIds.includes(c.auxData.frameId ?? ''),
  );
  if (!context) {
    await cdp.detach();
    throw new Error(`no isolated world of "${extensionName}" in ${page.url()}: ${JSON.stringify(contexts.map((c) => [c.name, c.auxData]))}`);
  }
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const result = (await cdp.send('Runtime.evaluate', {
        expression,
        contextId: context.id,
        awaitPromise: true,
        returnByValue: true,
      })) as { result: { value?: unknown }; exceptionDetails?: { text: string; exception?: { description?: string } } };
      if (result.exceptionDetails) {
        throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
      }
      return result.result.value as T;
    },
    async listeners(): Promise<string[]> {
      const found: string[] = [];
      for (const target of ['window', 'document', 'navigation']) {
        const { result } = (await cdp.send('Runtime.evaluate', { expression: `globalThis.${target}`, contextId: context.id })) as { result: { objectId?: string } };
        if (!result.objectId) continue; // no Navigation API
        const { listeners } = (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })) as { listeners: { type: string; useCapture: boolean }[] };
        found.push(...listeners.map((l) => `${target} ${l.type}${l.useCapture ? ' (capture)' : ''}`));
        await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
      }
      return found.sort();
    },
    detach: () => cdp.detach(),
  };
}

interface FrameTree {
  frame: { id: string; url: string; parentId?: string };
  childFrames?: FrameTree[];
}

function collectFrames(tree: FrameTree): { id: string; url: string; isTop: boolean }[] {
  return [
    { id: tree.frame.id, url: tree.frame.url, isTop: tree.frame.parentId === undefined },
    ...(tree.childFrames ?? []).flatMap(collectFrames),
  ];
}
