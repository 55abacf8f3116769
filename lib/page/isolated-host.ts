/**
 * A host element for extension UI inside a page: inline `all: initial !important` so the page's CSS
 * cannot restyle it, and a CLOSED shadow root the page's scripts cannot read or click into.
 */
export function isolatedHost(tag: string, hostStyle: string, css: string): { host: HTMLElement; shadow: ShadowRoot } {
  const host = document.createElement(tag);
  host.setAttribute('style', `all: initial !important; ${hostStyle}`);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  shadow.append(style);
  return { host, shadow };
}
