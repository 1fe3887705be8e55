// @vitest-environment happy-dom
// The card's styles reach its shadow root as an adopted sheet, or else as a <style> element.
import { describe, expect, it } from 'vitest';
import { applyCardStyles, CARD_CSS } from '../../../src/content/card/card-styles';

function shadowRoot(): ShadowRoot {
  const host = document.createElement('backstory-card');
  document.body.append(host);
  return host.attachShadow({ mode: 'open' });
}

describe('applyCardStyles', () => {
  it('adopts a constructed sheet where the browser allows it', () => {
    const root = shadowRoot();
    expect(applyCardStyles(root)).toBe('adopted');
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(root.querySelector('style')).toBeNull();
  });

  it('falls back to a <style> element where adopting throws', () => {
    const root = shadowRoot();
    Object.defineProperty(root, 'adoptedStyleSheets', {
      get: () => [],
      set: () => {
        throw new TypeError('Accessing from Xray wrapper is not supported.');
      },
    });
    expect(applyCardStyles(root)).toBe('style-element');
    expect(root.querySelector('style')?.textContent).toBe(CARD_CSS);
  });

  it('falls back to a <style> element where the adopted sheet does not hold', () => {
    const root = shadowRoot();
    Object.defineProperty(root, 'adoptedStyleSheets', { get: () => [], set: () => undefined });
    expect(applyCardStyles(root)).toBe('style-element');
    expect(root.querySelectorAll('style')).toHaveLength(1);
  });

});
