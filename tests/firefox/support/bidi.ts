import type { Page } from 'puppeteer-core';

/** The raw WebDriver BiDi session behind a Puppeteer page, for what Puppeteer does not wrap. */
interface BidiSession {
  send(method: string, params: object): Promise<{ result: unknown }>;
}
interface BidiBrowsingContext {
  id: string;
  userContext: { browser: { session: BidiSession } };
  navigate(url: string, wait?: 'none' | 'interactive' | 'complete'): Promise<void>;
}

export interface NodeReference {
  sharedId: string;
}

function contextOf(page: Page): BidiBrowsingContext {
  return (page.mainFrame() as unknown as { browsingContext: BidiBrowsingContext }).browsingContext;
}

export async function send<T>(page: Page, method: string, params: object): Promise<T> {
  return (await contextOf(page).userContext.browser.session.send(method, params)).result as T;
}

export function contextId(page: Page): string {
  return contextOf(page).id;
}
