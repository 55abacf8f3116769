// A page that tries to tell whether the extension is installed (tests/e2e/security-ui.spec.ts). From the
// start it listens for messages and for the extension's known event names (its id in the URL's hash, as a
// page targeting this extension would know it); once the parser is done it records every DOM change.
const traces = (window.traces = []);
addEventListener('message', (event) => traces.push(`message ${JSON.stringify(event.data)}`), true);
const extensionId = location.hash.slice(1);
for (const script of ['content', 'scanner', 'fill-ui']) {
  for (const name of ['wxt:content-script-started', 'wxt:locationchange']) {
    const type = `${extensionId}:${script}:${name}`;
    document.addEventListener(type, () => traces.push(`event ${type}`), true);
    addEventListener(type, () => traces.push(`event ${type}`), true);
  }
}
document.addEventListener('DOMContentLoaded', () => {
  new MutationObserver((records) => {
    for (const record of records) {
      const added = [...record.addedNodes].map((node) => node.nodeName).join(',');
      traces.push(`mutation ${record.type} ${record.target.nodeName} ${record.attributeName ?? ''} ${added}`);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
});
