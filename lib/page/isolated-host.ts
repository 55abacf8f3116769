/**
 * A host element for extension UI inside a page: inline `all: initial !important` so the page's CSS
 * cannot restyle it, and a CLOSED shadow root the page's scripts cannot read or click into. The `keyring-`
 * tag tells our own DOM watchers (dom-watch.ts) that inserting the host is not the page changing.
 */
export function isolatedHost(tag: `keyring-${string}`, hostStyle: string, css: string): { host: HTMLElement; shadow: ShadowRoot } {
  const host = document.createElement(tag);
  host.setAttribute('style', `all: initial !important; ${hostStyle}`);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  shadow.append(style);
  return { host, shadow };
}
