// happy-dom's NodeIterator can step back and forth forever between two text nodes with an empty
// element between them (<s><label><sup></sup></label>…), which mark.js's way of walking a context
// (previousNode, then nextNode twice) hits. Real browsers do not. Tests that run the highlighter
// in happy-dom install this one instead: a cursor over the nodes the filter accepts, taken when it
// is created, which is all mark.js needs (it reads every node before it changes any).

export function installNodeIterator(doc: Document): () => void {
  const original = doc.createNodeIterator;
  doc.createNodeIterator = function createNodeIterator(root: Node, whatToShow = NodeFilter.SHOW_ALL, filter?: NodeFilter | null) {
    const accept = (node: Node): boolean => {
      if (!(whatToShow & (1 << (node.nodeType - 1)))) return false;
      if (!filter) return true;
      const verdict = typeof filter === 'function' ? filter(node) : filter.acceptNode(node);
      return verdict === NodeFilter.FILTER_ACCEPT;
    };
    const nodes: Node[] = [];
    // For a NodeIterator, rejecting a node does not skip its subtree.
    const walk = (node: Node): void => {
      if (accept(node)) nodes.push(node);
      for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    };
    walk(root);
    let cursor = 0;
    return {
      root,
      whatToShow,
      filter: filter ?? null,
      get referenceNode() {
        return nodes[Math.max(0, cursor - 1)] ?? root;
      },
      pointerBeforeReferenceNode: false,
      nextNode: () => (cursor < nodes.length ? nodes[cursor++]! : null),
      previousNode: () => (cursor > 0 ? nodes[--cursor]! : null),
      detach: () => undefined,
    } as NodeIterator;
  } as Document['createNodeIterator'];
  return () => {
    doc.createNodeIterator = original;
  };
}
