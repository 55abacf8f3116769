/**
 * A host element for extension UI inside a page: inline `all: initial !important` so the page's CSS
 * cannot restyle it (an inline !important declaration beats every author rule, layered or not), and a
 * CLOSED shadow root the page's scripts cannot read or click into. The page can still draw over the
 * host with its own `::before`/`::after`, so the shadow's !important rule removes them (for !important
 * declarations the shadow tree's own rules win). What the page can do to the host's ancestors (fade,
 * cover, clip, move it) is judged at each click by click-guard.ts. The `keyring-` tag tells our own DOM
 * watchers (dom-watch.ts) that inserting the host is not the page changing.
 */
const HOST_GUARD_CSS = ':host::before, :host::after { content: none !important; display: none !important; }';

export function isolatedHost(tag: `keyring-${string}`, hostStyle: string, css: string): { host: HTMLElement; shadow: ShadowRoot } {
  const host = document.createElement(tag);
  host.setAttribute('style', `all: initial !important; ${hostStyle}`);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = `${HOST_GUARD_CSS}\n${css}`;
  shadow.append(style);
  return { host, shadow };
}
