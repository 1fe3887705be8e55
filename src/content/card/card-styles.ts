// The hover card's styles, and how they reach its shadow root on any page.
//
// A page's Content-Security-Policy may forbid inline styles (style-src 'self'). Constructable
// stylesheets are not subject to style-src, so they come first; Chromium and Firefox 153 both adopt
// them from content scripts. Firefox content scripts reach page objects through Xray wrappers, and
// adopting a sheet from there has not always worked
// (https://bugzilla.mozilla.org/show_bug.cgi?id=1770592); where it throws or does not hold, a
// <style> element in the shadow root is used instead, which both browsers apply for a content
// script under a strict CSP too. No web_accessible_resources are needed either way. The browser
// tests check on a strict-CSP page that the card's computed styles are its own.
//
// Sizes are in px, not rem: a page's root font size (often 62.5 %) must not scale the card.
// The light theme's category accents are highlight.css's underlines, opaque (a unit test holds them).

export const CARD_CSS = `
:host {
  all: initial;
  position: fixed !important;
  display: block !important;
  z-index: 2147483647 !important;
  right: auto !important;
  bottom: auto !important;
  width: max-content !important;
  height: auto !important;
  min-width: 0 !important;
  min-height: 0 !important;
  max-width: none !important;
  max-height: none !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  background: transparent !important;
  overflow: visible !important;
  transform: none !important;
  translate: none !important;
  scale: none !important;
  rotate: none !important;
  zoom: 1 !important;
  content-visibility: visible !important;
  mix-blend-mode: normal !important;
  box-shadow: none !important;
  filter: none !important;
  opacity: 1 !important;
  clip-path: none !important;
  pointer-events: auto !important;
  color-scheme: light dark;
}

.card {
  all: initial;
  /* The host is hidden while its mark is scrolled out of sight; all: initial would undo that. */
  visibility: inherit;
  --surface: #ffffff;
  --ink: #1f2328;
  --muted: #59636e;
  --rule: rgb(31 35 40 / 0.1);
  --footer: #f6f8fa;
  --button-hover: rgb(31 35 40 / 0.08);
  --accent: rgb(214 160 0);
  --accent-ink: #7a5b00;
  box-sizing: border-box;
  display: flex;
  flex-direction: column;
  width: 360px;
  max-width: calc(100vw - 16px);
  max-height: 480px;
  overflow: hidden;
  background: var(--surface);
  color: var(--ink);
  border: 1px solid var(--rule);
  border-radius: 10px;
  box-shadow:
    inset 0 3px 0 var(--accent),
    0 1px 3px rgb(0 0 0 / 0.08),
    0 12px 32px rgb(0 0 0 / 0.16);
  font: 14px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  text-align: start;
  overflow-wrap: break-word;
  -webkit-font-smoothing: antialiased;
}
.card.entering { animation: backstory-card-in 120ms ease-out; }
.card[data-category='person'] { --accent: rgb(66 133 244); --accent-ink: #1a56c4; }
.card[data-category='place'] { --accent: rgb(52 168 83); --accent-ink: #1e7b3a; }
.card[data-category='organisation'] { --accent: rgb(156 39 176); --accent-ink: #7b1fa2; }
.card[data-category='event'] { --accent: rgb(230 81 0); --accent-ink: #b33d00; }
.card[data-category='figure'] { --accent: rgb(214 160 0); --accent-ink: #7a5b00; }

@media (prefers-color-scheme: dark) {
  .card {
    --surface: #22262c;
    --ink: #e6edf3;
    --muted: #9ea7b3;
    --rule: rgb(240 246 252 / 0.12);
    --footer: #1b1f24;
    --button-hover: rgb(240 246 252 / 0.1);
    box-shadow:
      inset 0 3px 0 var(--accent),
      0 1px 3px rgb(0 0 0 / 0.4),
      0 12px 32px rgb(0 0 0 / 0.5);
  }
  .card[data-category='person'] { --accent: rgb(138 180 248); --accent-ink: #a8c7fa; }
  .card[data-category='place'] { --accent: rgb(129 201 149); --accent-ink: #9ad7aa; }
  .card[data-category='organisation'] { --accent: rgb(206 147 216); --accent-ink: #e1b5e8; }
  .card[data-category='event'] { --accent: rgb(255 138 101); --accent-ink: #ffb59a; }
  .card[data-category='figure'] { --accent: rgb(253 214 99); --accent-ink: #fde08a; }
}

@keyframes backstory-card-in {
  from { opacity: 0; transform: translateY(4px); }
}
@media (prefers-reduced-motion: reduce) {
  .card.entering { animation: none; }
}

.card *, .card *::before, .card *::after { box-sizing: border-box; }
p, ul, li, dl, dt, dd, figure, blockquote, figcaption { margin: 0; padding: 0; }
cite { font-style: normal; }

.header { padding: 14px 16px 10px; }
.category {
  display: inline-block;
  padding: 1px 7px;
  border-radius: 999px;
  background: color-mix(in srgb, var(--accent) 16%, transparent);
  color: var(--accent-ink);
  font-size: 11px;
  font-weight: 600;
  line-height: 18px;
  letter-spacing: 0.04em;
  text-transform: uppercase;
}
.name { margin-top: 6px; font-size: 17px; font-weight: 650; line-height: 1.3; }
.role { margin-top: 2px; color: var(--muted); }

.body {
  flex: 1 1 auto;
  min-height: 0;
  overflow-y: auto;
  overscroll-behavior: contain;
  scrollbar-width: thin;
  scrollbar-color: var(--rule) transparent;
  padding: 0 16px 14px;
}
.section { margin-top: 12px; }
.label {
  margin-bottom: 4px;
  color: var(--muted);
  font-size: 11px;
  font-weight: 600;
  letter-spacing: 0.04em;
  text-transform: uppercase;
}
.background-list { padding-inline-start: 16px; }
.background-list li + li { margin-top: 3px; }
.background-list li::marker { color: var(--muted); }

.quote {
  padding: 1px 0 1px 10px;
  border-inline-start: 3px solid color-mix(in srgb, var(--accent) 45%, transparent);
  font-family: Georgia, 'Iowan Old Style', 'Times New Roman', serif;
  font-size: 14.5px;
  line-height: 1.5;
}
.quote + .quote { margin-top: 8px; }
.source { margin-top: 6px; color: var(--muted); font-size: 12px; }

.related { display: flex; flex-wrap: wrap; gap: 4px 6px; list-style: none; }
.related li {
  display: inline-flex;
  align-items: center;
  gap: 5px;
  padding: 1px 8px;
  border: 1px solid var(--rule);
  border-radius: 999px;
  font-size: 12.5px;
  line-height: 20px;
}
.related li::before {
  content: '';
  width: 6px;
  height: 6px;
  border-radius: 50%;
  background: var(--dot, var(--muted));
}
.related li[data-category='person'] { --dot: rgb(66 133 244); }
.related li[data-category='place'] { --dot: rgb(52 168 83); }
.related li[data-category='organisation'] { --dot: rgb(156 39 176); }
.related li[data-category='event'] { --dot: rgb(230 81 0); }
.related li[data-category='figure'] { --dot: rgb(214 160 0); }

.figure {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(120px, 1fr));
  gap: 8px;
}
.figure-cell {
  padding: 8px 10px;
  border-radius: 8px;
  background: color-mix(in srgb, var(--accent) 10%, transparent);
}
.figure-cell dt { color: var(--muted); font-size: 11px; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; }
.figure-cell dd { font-size: 15px; font-weight: 600; font-variant-numeric: tabular-nums; }
.figure-cell .period { display: block; color: var(--muted); font-size: 12px; font-weight: 400; }
.verdict { margin-top: 6px; font-weight: 600; color: var(--accent-ink); }

.more {
  all: unset;
  margin-top: 6px;
  color: var(--accent-ink);
  font-size: 12.5px;
  font-weight: 600;
  cursor: pointer;
  border-radius: 4px;
}
.more:hover { text-decoration: underline; }

.footer {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 6px 8px 6px 16px;
  border-top: 1px solid var(--rule);
  background: var(--footer);
  color: var(--muted);
  font-size: 12.5px;
}
.count { flex: 1 1 auto; }
.nav { display: flex; align-items: center; gap: 2px; }
.position { min-width: 44px; text-align: center; font-variant-numeric: tabular-nums; }
.step {
  all: unset;
  display: inline-grid;
  place-items: center;
  width: 28px;
  height: 28px;
  border-radius: 6px;
  color: var(--ink);
  cursor: pointer;
}
.step:hover { background: var(--button-hover); }
.step svg { width: 16px; height: 16px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.step:focus-visible, .more:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
`;

export type StyleMethod = 'adopted' | 'style-element';

/** Gives the shadow root the card's styles, in a way the page's CSP allows; says which way. */
export function applyCardStyles(root: ShadowRoot, css: string = CARD_CSS): StyleMethod {
  const view = root.ownerDocument.defaultView;
  try {
    const sheet = new (view?.CSSStyleSheet ?? CSSStyleSheet)();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    // Through an Xray wrapper the assignment can be dropped without an error: check it held.
    if (root.adoptedStyleSheets.length === 1) return 'adopted';
  } catch {
    // Falls through to a <style> element.
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.prepend(style);
  return 'style-element';
}
