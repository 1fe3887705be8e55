// Random pages and random page scripts for the annotator fuzz.
//
// A page is a tree of inline, block and forbidden elements whose text is one run of story names,
// trade sentences and filler in four scripts, cut at random places into the tree's text nodes, so
// that a name often straddles element boundaries ("Mishu<b>stin</b>").
//
// A page script is a list of mutations made the way frameworks make them: through references to
// nodes the page created itself (insertBefore(node, anchor), node.data = text, remove(), moving a
// node, attributes, textContent). Each mutation is applied to the page the annotator runs on and
// to a twin page in another document that never sees the annotator; the two must end up equal.
// A page that reads back the text of a node it owns (node.data += ..., appendData, splitText), or
// walks childNodes by index, or calls normalize(), sees the annotator's split nodes; that is a
// known limit of wrapping text in elements and is not modelled here.
import fc from 'fast-check';
import { SEED_PACK } from '../../../../src/story/seed-pack';

export type NodeSpec = TextSpec | ElementSpec;

export interface TextSpec {
  kind: 'text';
  text: string;
}

export interface ElementSpec {
  kind: 'element';
  tag: string;
  attrs: [string, string][];
  children: NodeSpec[];
  /** Content of an open shadow root, where the element can host one. */
  shadow: NodeSpec[] | null;
}

/** A tree before its text is shared out among its text nodes. */
type Shape = { kind: 'text' } | { kind: 'element'; tag: string; attrs: [string, string][]; children: Shape[]; shadow: Shape[] | null };

// ---------------------------------------------------------------------------------------------
// Text

const ALIASES = SEED_PACK.entities.filter((entity) => !entity.figure).flatMap((entity) => entity.aliases.map((alias) => alias.text));

const INFLECTED = ['Мишустина', 'Мишустиным', 'Путина', 'Путину', 'России', 'Китая', 'Кремле', 'Москве', 'Курской области', 'Пекине', 'Украины', 'Лі Цяна'];

const TRADE_SENTENCES = [
  'Trade between China and Russia hit a record in 2023, surpassing $240 billion.',
  'Chinese customs data show trade with Russia grew by only about 1.6% between January and July 2024.',
  'Bilateral trade grew 1.6% in the first seven months.',
  'Russian exports to China rose by more than a quarter in 2023.',
  'Товарооборот России и Китая в 2023 году превысил 240 млрд долларов.',
  'Товарообіг України зріс на 1,6%.',
  '中俄贸易额2023年超过2400亿美元。',
  'The figure was $240bn, up 26.3% on 2022.',
];

const FILLER = [
  'the', 'and', 'said', 'met', 'talks', 'in', 'with', 'в', 'и', 'заявил', 'встретился', 'з', '的', '在', '和', '会晤',
  'قال', 'في', 'الصين', 'وروسيا', 'Li', 'Xi', 'Premier', 'President', 'sanctions', 'санкции', 'Kursks', 'Putinism',
  'KURSK', 'li qiang', 'mishustin', 'XLi', 'Qiang', 'Путинизм', '强', '俄',
];

const SEPARATORS = [' ', ' ', ' ', '  ', '\n', '\t', '\u00a0', '.', ', ', '. ', ' — ', "'s ", '-', '。', '，', '\u200b', '\u00ad', '"', '(', ')', '\u2019'];

const fragment: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...ALIASES) },
  { weight: 1, arbitrary: fc.constantFrom(...INFLECTED) },
  { weight: 1, arbitrary: fc.constantFrom(...TRADE_SENTENCES) },
  { weight: 4, arbitrary: fc.constantFrom(...FILLER) },
  { weight: 6, arbitrary: fc.constantFrom(...SEPARATORS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);

export const textArb = (maxFragments: number): fc.Arbitrary<string> =>
  fc.array(fragment, { maxLength: maxFragments }).map((parts) => parts.join(''));

// ---------------------------------------------------------------------------------------------
// Trees

const INLINE_TAGS = ['span', 'b', 'i', 'em', 'strong', 'a', 'small', 'sub', 'sup', 'q', 'abbr', 'time', 'u', 's', 'bdi', 'mark', 'font', 'label'];
const BLOCK_TAGS = ['p', 'div', 'li', 'h2', 'blockquote', 'section', 'article', 'td', 'figcaption', 'x-card'];
const VOID_TAGS = ['br', 'img', 'hr', 'wbr', 'input'];
const FORBIDDEN_TAGS = ['textarea', 'select', 'option', 'script', 'style', 'noscript', 'template', 'code', 'pre', 'kbd', 'button', 'svg'];
/** Elements that can host a shadow root. */
const SHADOW_HOSTS = new Set(['span', 'div', 'p', 'article', 'section', 'blockquote', 'x-card']);
export const VOID = new Set(VOID_TAGS);

const tagArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...INLINE_TAGS) },
  { weight: 4, arbitrary: fc.constantFrom(...BLOCK_TAGS) },
  { weight: 1, arbitrary: fc.constantFrom(...VOID_TAGS) },
  { weight: 2, arbitrary: fc.constantFrom(...FORBIDDEN_TAGS) },
);

export const ATTRIBUTE_NAMES = ['title', 'alt', 'class', 'data-note', 'contenteditable', 'lang', 'hidden'];
const attributeValue = (name: string): fc.Arbitrary<string> =>
  name === 'contenteditable'
    ? fc.constantFrom('true', 'false', '', 'plaintext-only')
    : fc.oneof(fc.constantFrom(...ALIASES), fc.constantFrom('', 'note', 'ru', 'zh'));
export const attributeArb: fc.Arbitrary<[string, string]> = fc
  .constantFrom(...ATTRIBUTE_NAMES)
  .chain((name) => attributeValue(name).map((value): [string, string] => [name, value]));

const attrsArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant([] as [string, string][]) },
  { weight: 1, arbitrary: fc.uniqueArray(attributeArb, { maxLength: 2, selector: ([name]) => name }) },
);

function shapeArb(maxDepth: number): fc.Arbitrary<Shape> {
  const { node } = fc.letrec<{ node: Shape; element: Shape }>((tie) => ({
    node: fc.oneof(
      { maxDepth, depthIdentifier: 'tree' },
      { weight: 3, arbitrary: fc.constant({ kind: 'text' } as Shape) },
      { weight: 2, arbitrary: tie('element') },
    ),
    element: fc.record({
      kind: fc.constant('element' as const),
      tag: tagArb,
      attrs: attrsArb,
      children: fc.array(tie('node'), { maxLength: 4, depthIdentifier: 'tree' }),
      shadow: fc.option(fc.array(tie('node'), { maxLength: 3, depthIdentifier: 'tree' }), { freq: 10, nil: null }),
    }),
  }));
  return node;
}

function countTexts(shapes: readonly Shape[]): number {
  let count = 0;
  for (const shape of shapes) {
    if (shape.kind === 'text') count += 1;
    else count += countTexts(shape.children) + countTexts(shape.shadow ?? []);
  }
  return count;
}

/** Shares `text` out among the shapes' text nodes, cut at `cuts` (sorted offsets). */
function fill(shapes: readonly Shape[], pieces: string[]): NodeSpec[] {
  return shapes.map((shape): NodeSpec => {
    if (shape.kind === 'text') return { kind: 'text', text: pieces.shift() ?? '' };
    const shadow = shape.shadow && SHADOW_HOSTS.has(shape.tag) ? fill(shape.shadow, pieces) : null;
    const children = VOID.has(shape.tag) ? [] : fill(shape.children, pieces);
    return { kind: 'element', tag: shape.tag, attrs: shape.attrs, children, shadow };
  });
}

/** Nodes whose text is one run cut at random places into their text nodes. */
export function contentArb(options: { maxNodes: number; maxDepth: number; maxFragments: number }): fc.Arbitrary<NodeSpec[]> {
  return fc
    .array(shapeArb(options.maxDepth), { minLength: 1, maxLength: options.maxNodes })
    .chain((shapes) => {
      const count = countTexts(shapes);
      return fc
        .tuple(textArb(options.maxFragments), fc.array(fc.nat(), { minLength: count, maxLength: count }))
        .map(([text, cuts]) => {
          // UTF-16 offsets: a cut may fall inside a surrogate pair, as a page's own splits may.
          const offsets = cuts.map((cut) => cut % (text.length + 1)).sort((a, b) => a - b);
          const pieces: string[] = [];
          let from = 0;
          for (const [index, offset] of offsets.entries()) {
            // The last text node takes the rest.
            const to = index === offsets.length - 1 ? text.length : offset;
            pieces.push(text.slice(from, to));
            from = to;
          }
          return fill(shapes, pieces);
        });
    });
}

export const pageArb = contentArb({ maxNodes: 5, maxDepth: 5, maxFragments: 40 });

// ---------------------------------------------------------------------------------------------
// Page scripts

export type Command =
  | { op: 'insert'; parent: number; ref: number; content: NodeSpec[] }
  | { op: 'remove'; node: number }
  | { op: 'setText'; node: number; text: string }
  | { op: 'textContent'; node: number; text: string }
  | { op: 'move'; node: number; parent: number; ref: number }
  | { op: 'attribute'; node: number; name: string; value: string | null }
  | { op: 'wait'; until: 'microtask' | 'macrotask' | 'idle' }
  | { op: 'restart' };

export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      parent: fc.nat(),
      ref: fc.nat(),
      content: contentArb({ maxNodes: 2, maxDepth: 2, maxFragments: 8 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('remove' as const), node: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('setText' as const), node: fc.nat(), text: textArb(6) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('textContent' as const), node: fc.nat(), text: textArb(6) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('move' as const), node: fc.nat(), parent: fc.nat(), ref: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('attribute' as const),
      node: fc.nat(),
      name: fc.constantFrom(...ATTRIBUTE_NAMES),
      value: fc.option(fc.constantFrom('true', 'false', '', 'Kursk', 'Li Qiang'), { nil: null }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('wait' as const), until: fc.constantFrom('microtask' as const, 'macrotask' as const, 'idle' as const) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
);

// ---------------------------------------------------------------------------------------------
// Building and mutating the two pages

/**
 * The nodes the page script holds, each on both pages: `real` in the annotated document, `twin`
 * in the document the annotator never sees. Index 0 is the body.
 */
export class PagePair {
  readonly real: Node[] = [];
  readonly twin: Node[] = [];
  private readonly twinIndex = new Map<Node, number>();

  constructor(
    readonly realDoc: Document,
    readonly twinDoc: Document,
  ) {
    this.register(realDoc.body, twinDoc.body);
  }

  register(real: Node, twin: Node): void {
    this.twinIndex.set(twin, this.real.length);
    this.real.push(real);
    this.twin.push(twin);
  }

  /** Builds content on both pages and registers every node of it. */
  build(specs: readonly NodeSpec[]): { real: Node[]; twin: Node[] } {
    const real = specs.map((spec) => this.buildOne(spec));
    return { real: real.map(([node]) => node), twin: real.map(([, node]) => node) };
  }

  private buildOne(spec: NodeSpec): [Node, Node] {
    if (spec.kind === 'text') {
      const pair: [Node, Node] = [this.realDoc.createTextNode(spec.text), this.twinDoc.createTextNode(spec.text)];
      this.register(...pair);
      return pair;
    }
    const create = (doc: Document): Element => {
      const element = spec.tag === 'svg' ? doc.createElementNS('http://www.w3.org/2000/svg', 'svg') : doc.createElement(spec.tag);
      // A script that runs is not what this models: keep its text inert.
      if (spec.tag === 'script') element.setAttribute('type', 'text/plain');
      for (const [name, value] of spec.attrs) element.setAttribute(name, value);
      return element;
    };
    const realElement = create(this.realDoc);
    const twinElement = create(this.twinDoc);
    this.register(realElement, twinElement);
    if (spec.shadow) {
      const realRoot = realElement.attachShadow({ mode: 'open' });
      const twinRoot = twinElement.attachShadow({ mode: 'open' });
      this.register(realRoot, twinRoot);
      const built = this.build(spec.shadow);
      realRoot.append(...built.real);
      twinRoot.append(...built.twin);
    }
    const built = this.build(spec.children);
    realElement.append(...built.real);
    twinElement.append(...built.twin);
    return [realElement, twinElement];
  }

  /** Registers the nodes a wholesale change created (textContent), walking both copies alike. */
  private registerNew(real: Node, twin: Node): void {
    if (!this.twinIndex.has(twin)) this.register(real, twin);
    const realChildren = [...real.childNodes];
    const twinChildren = [...twin.childNodes];
    twinChildren.forEach((child, index) => this.registerNew(realChildren[index]!, child));
  }

  private pick(index: number, accept: (twin: Node) => boolean): number | null {
    const candidates: number[] = [];
    this.twin.forEach((node, id) => {
      if (accept(node)) candidates.push(id);
    });
    return candidates.length === 0 ? null : candidates[index % candidates.length]!;
  }

  private isParent = (node: Node): boolean =>
    node.nodeType === 11 || (node.nodeType === 1 && !VOID.has((node as Element).localName));
  private isMovable = (node: Node): boolean => node !== this.twinDoc.body && (node.nodeType === 1 || node.nodeType === 3);

  /** The reference child on both pages: one of the twin parent's children, or null (append). */
  private refIn(parent: number, ref: number): [Node | null, Node | null] {
    const children = [...this.twin[parent]!.childNodes];
    const chosen = children[ref % (children.length + 1)];
    if (!chosen) return [null, null];
    return [this.real[this.twinIndex.get(chosen)!]!, chosen];
  }

  /**
   * Works out a mutation on both pages: what it does, the twin nodes whose records it makes (the
   * parents of inserted and removed nodes, a text node, an element), and how to run it. null when
   * there is no node of the kind; run() returns false when the DOM refuses it on the twin.
   */
  plan(command: Mutation): Plan | null {
    switch (command.op) {
      case 'insert': {
        const parent = this.pick(command.parent, this.isParent);
        if (parent === null) return null;
        return {
          description: `insert into #${parent}`,
          targets: [this.twin[parent]!],
          run: () => {
            const [realRef, twinRef] = this.refIn(parent, command.ref);
            const built = this.build(command.content);
            const twinFragment = this.twinDoc.createDocumentFragment();
            twinFragment.append(...built.twin);
            const realFragment = this.realDoc.createDocumentFragment();
            realFragment.append(...built.real);
            if (!attempt(() => this.twin[parent]!.insertBefore(twinFragment, twinRef))) return false;
            this.real[parent]!.insertBefore(realFragment, realRef);
            return true;
          },
        };
      }
      case 'remove': {
        const node = this.pick(command.node, this.isMovable);
        if (node === null) return null;
        return {
          description: `remove #${node}`,
          targets: [this.twin[node]!.parentNode].filter((target) => target !== null),
          run: () => {
            (this.twin[node] as ChildNode).remove();
            (this.real[node] as ChildNode).remove();
            return true;
          },
        };
      }
      case 'setText': {
        const node = this.pick(command.node, (twin) => twin.nodeType === 3);
        if (node === null) return null;
        return {
          description: `set #${node} text to ${JSON.stringify(command.text)}`,
          targets: [this.twin[node]!],
          run: () => {
            (this.twin[node] as Text).data = command.text;
            (this.real[node] as Text).data = command.text;
            return true;
          },
        };
      }
      case 'textContent': {
        const node = this.pick(command.node, (twin) => twin.nodeType === 1 && !VOID.has((twin as Element).localName));
        if (node === null) return null;
        return {
          description: `set #${node} textContent to ${JSON.stringify(command.text)}`,
          targets: [this.twin[node]!],
          run: () => {
            this.twin[node]!.textContent = command.text;
            this.real[node]!.textContent = command.text;
            this.registerNew(this.real[node]!, this.twin[node]!);
            return true;
          },
        };
      }
      case 'move': {
        const node = this.pick(command.node, this.isMovable);
        const parent = this.pick(command.parent, this.isParent);
        // The DOM refuses to put a node inside itself, and happy-dom has by then half moved it.
        if (node === null || parent === null || hostIncludingContains(this.twin[node]!, this.twin[parent]!)) return null;
        return {
          description: `move #${node} into #${parent}`,
          targets: [this.twin[parent]!, this.twin[node]!.parentNode].filter((target) => target !== null),
          run: () => {
            const [realRef, twinRef] = this.refIn(parent, command.ref);
            if (!attempt(() => this.twin[parent]!.insertBefore(this.twin[node]!, twinRef))) return false;
            this.real[parent]!.insertBefore(this.real[node]!, realRef);
            return true;
          },
        };
      }
      case 'attribute': {
        const node = this.pick(command.node, (twin) => twin.nodeType === 1 && twin !== this.twinDoc.body);
        if (node === null) return null;
        return {
          description: `set #${node} ${command.name}=${JSON.stringify(command.value)}`,
          targets: [this.twin[node]!],
          run: () => {
            for (const element of [this.twin[node] as Element, this.real[node] as Element]) {
              if (command.value === null) element.removeAttribute(command.name);
              else element.setAttribute(command.name, command.value);
            }
            return true;
          },
        };
      }
    }
  }
}

export type Mutation = Exclude<Command, { op: 'wait' } | { op: 'restart' }>;

export interface Plan {
  description: string;
  targets: Node[];
  run(): boolean;
}

function attempt(change: () => void): boolean {
  try {
    change();
    return true;
  } catch {
    return false;
  }
}

/** Whether node is parent or one of its ancestors, through shadow hosts too. */
function hostIncludingContains(node: Node, parent: Node): boolean {
  for (let current: Node | null = parent; current; ) {
    if (node.contains(current)) return true;
    const top = current.getRootNode();
    current = top.nodeType === 11 ? (top as ShadowRoot).host : null;
  }
  return false;
}
