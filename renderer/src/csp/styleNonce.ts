// Keeps the page's own dynamic styles working under a content security policy without
// 'unsafe-inline' for styles (main/host/csp.ts), so that styles injected into the markup stay
// blocked. Two kinds of style come from script, not markup: <style> elements that libraries
// create (xterm's theme, dimensions and scrollbar rules), which get the page's per-response
// nonce (main/host/pageNonce.ts), and `setAttribute('style', …)` (xterm's true-colour cells),
// which CSP treats as an inline style attribute: the same text is set through the CSSOM instead,
// which CSP allows, as it does React's `style` props.
export const nonceMetaSelector = 'meta[property="csp-nonce"]';

export function installStyleNonce(): void {
  const nonce = document.querySelector<HTMLMetaElement>(nonceMetaSelector)?.nonce;
  if (nonce) {
    const createElement = Document.prototype.createElement;
    Document.prototype.createElement = function (
      this: Document,
      ...args: Parameters<Document['createElement']>
    ) {
      const element = createElement.apply(this, args);
      if (element instanceof HTMLStyleElement) element.nonce = nonce;
      return element;
    } as Document['createElement'];
  }
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (name.toLowerCase() === 'style' && (this instanceof HTMLElement || this instanceof SVGElement)) {
      this.style.cssText = String(value);
      return;
    }
    setAttribute.call(this, name, value);
  };
}
