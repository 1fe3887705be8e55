// happy-dom moves what is appended to a <template> into the template's content, yet answers its
// firstChild and lastChild from that content while its childNodes stay empty: a TreeWalker then
// steps into the content and never comes out, and the rest of the page goes unread. In browsers a
// template's children are its own (only the parser fills the content). Tests that walk pages with
// templates in happy-dom install this: a template's first and last child follow its childNodes.

export function installTemplateChildren(view: Window & typeof globalThis): () => void {
  const prototype = view.HTMLTemplateElement.prototype;
  const before = {
    firstChild: Object.getOwnPropertyDescriptor(prototype, 'firstChild'),
    lastChild: Object.getOwnPropertyDescriptor(prototype, 'lastChild'),
  };
  Object.defineProperty(prototype, 'firstChild', {
    configurable: true,
    get(this: HTMLTemplateElement) {
      return this.childNodes[0] ?? null;
    },
  });
  Object.defineProperty(prototype, 'lastChild', {
    configurable: true,
    get(this: HTMLTemplateElement) {
      return this.childNodes[this.childNodes.length - 1] ?? null;
    },
  });
  return () => {
    for (const [name, descriptor] of Object.entries(before)) {
      if (descriptor) Object.defineProperty(prototype, name, descriptor);
      else delete (prototype as unknown as Record<string, unknown>)[name];
    }
  };
}
