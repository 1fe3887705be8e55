// Turns untrusted pack input (JSON text or an already parsed value) into a checked StoryPack, or
// into a short list of errors a person can act on: each names the field and says what is wrong.
import * as v from 'valibot';
import { EntitySchema, PACK_LIMITS, PackFieldsSchema, StoryPackSchema, checkPackLinks, type Entity, type StoryPack } from './schema';

/** Largest pack text accepted, counted in characters of the string (5 MB). */
export const MAX_PACK_CHARS = 5 * 1024 * 1024;
/** How many errors are listed before the rest are summed up in one line. */
export const MAX_ERRORS = 20;
/** Keys that could reach an object's prototype if some code copied the pack carelessly. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export type ParseResult = { ok: true; pack: StoryPack } | { ok: false; errors: string[] };

type PathKey = string | number;

const ENTITY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const FORBIDDEN = new Set(FORBIDDEN_KEYS);

export function parsePack(input: string | unknown): ParseResult {
  let data: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_PACK_CHARS) {
      return failure([
        `the pack is too large (${megabytes(input.length)} MB); the size limit is ${megabytes(MAX_PACK_CHARS)} MB`,
      ]);
    }
    try {
      // A byte-order mark is common in files saved by some editors; it is not part of the JSON.
      data = JSON.parse(input.startsWith('\uFEFF') ? input.slice(1) : input);
    } catch (error) {
      return failure([`not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
    }
  }

  if (!isRecord(data)) {
    return failure([`pack: must be a JSON object, not ${Array.isArray(data) ? 'a list' : shorten(describeValue(data), 40)}`]);
  }

  const forbidden = findForbiddenKeys(data);
  if (forbidden.length > 0) {
    const reserved = FORBIDDEN_KEYS.join(', ');
    return failure(
      forbidden.map((path) => {
        const key = String(path[path.length - 1]);
        return `${formatPath(path, data)}: the key "${key}" is not allowed (${reserved} are reserved names)`;
      }),
    );
  }

  const result = v.safeParse(StoryPackSchema, data);
  if (result.success) return { ok: true, pack: result.output };
  // A list where an object belongs shows up as one missing field after another; say it once.
  const lines = new Set<string>();
  for (const issue of result.issues) {
    const items = issue.path ?? [];
    const last = items[items.length - 1];
    if (issue.type === 'strict_object' && last?.origin === 'key' && Array.isArray(last.input)) {
      lines.add(`${formatPath(items.slice(0, -1).map((item) => pathKey(item.key)), data)}: must be an object, not a list`);
    } else {
      lines.add(`${formatPath(items.map((item) => pathKey(item.key)), data)}: ${describe(issue)}`);
    }
  }
  return failure([...lines]);
}

/** Entities checked in one step of parsePackInSteps (under a millisecond, at a few aliases each). */
const ENTITIES_PER_STEP = 100;

/**
 * parsePack of a value already parsed (as storage gives it back), a step at a time: a hundred
 * entities a step, then the pack's own fields and what ties its parts together. The content
 * script checks a stored pack again on each page that needs it, and a pack of 10 000 aliases took
 * it 20–50 ms in one piece. Gives what parsePack gives: a pack that fails any part is checked again
 * whole, by parsePack, for its messages.
 */
export function* parsePackInSteps(data: unknown): Generator<void, ParseResult> {
  // What is not a pack's shape at all, or has more entities than a pack may have, gets
  // parsePack's messages at once.
  if (!isRecord(data) || !Object.hasOwn(data, 'entities') || !Array.isArray(data.entities) || data.entities.length > PACK_LIMITS.entities) {
    return parsePack(data);
  }
  const raw: readonly unknown[] = data.entities;
  // Shared by the walks for forbidden keys, so that together they go over each object once.
  const seen = new Set<object>();
  const entities: Entity[] = [];
  for (let index = 0; index < raw.length; index++) {
    const entity = raw[index];
    if (findForbiddenKeys(entity, seen).length > 0) return parsePack(data);
    const result = v.safeParse(EntitySchema, entity);
    if (!result.success) return parsePack(data);
    entities.push(result.output);
    if ((index + 1) % ENTITIES_PER_STEP === 0) yield;
  }
  if (findForbiddenKeys(data, seen).length > 0) return parsePack(data);
  const fields = v.safeParse(PackFieldsSchema, data);
  if (!fields.success) return parsePack(data);
  const pack = { ...fields.output, entities };
  let linked = true;
  checkPackLinks(pack, () => (linked = false));
  return linked ? { ok: true, pack } : parsePack(data);
}

/** Milliseconds of parsePackInSteps between two pauses for the page (see parsePackInSlices). */
const SLICE_MS = 8;

/**
 * parsePackInSteps, run a slice of SLICE_MS at a time with a task between slices, in which the
 * page runs. onSlice is told how long each slice took.
 */
export async function parsePackInSlices(data: unknown, onSlice?: (ms: number) => void): Promise<ParseResult> {
  const steps = parsePackInSteps(data);
  for (;;) {
    const start = performance.now();
    let step = steps.next();
    while (!step.done && performance.now() - start < SLICE_MS) step = steps.next();
    onSlice?.(performance.now() - start);
    if (step.done) return step.value;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

function failure(errors: string[]): ParseResult {
  if (errors.length <= MAX_ERRORS) return { ok: false, errors };
  return { ok: false, errors: [...errors.slice(0, MAX_ERRORS), `…and ${errors.length - MAX_ERRORS} more`] };
}

function megabytes(chars: number): string {
  const value = chars / (1024 * 1024);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** A step of the walk below: each node points back to its parent, so paths cost nothing to extend. */
interface Step {
  value: unknown;
  key: PathKey;
  parent: Step | undefined;
}

/**
 * Paths to every forbidden key, at any depth. Walks with its own stack so that deeply nested
 * input cannot overflow the call stack, builds a path only for a key it reports, and remembers
 * what it has seen so that cycles in an already parsed value end.
 */
function findForbiddenKeys(root: unknown, seen = new Set<object>()): PathKey[][] {
  const found: PathKey[][] = [];
  // Depth first, in document order: children are pushed last-first so the first is popped first.
  const start: Step = { value: root, key: '', parent: undefined };
  const stack: Step[] = [start];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { value } = step;
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    const parent = step === start ? undefined : step;
    const children: Step[] = [];
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => {
        if (item !== null && typeof item === 'object') children.push({ value: item, key: index, parent });
      });
    } else {
      for (const key of Object.keys(value)) {
        if (FORBIDDEN.has(key)) {
          found.push(pathOf({ value: undefined, key, parent }));
          continue;
        }
        const item: unknown = (value as Record<string, unknown>)[key];
        if (item !== null && typeof item === 'object') children.push({ value: item, key, parent });
      }
    }
    for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]!);
  }
  return found;
}

function pathOf(step: Step | undefined): PathKey[] {
  const path: PathKey[] = [];
  for (let at = step; at; at = at.parent) path.push(at.key);
  return path.reverse();
}

function pathKey(key: unknown): PathKey {
  return typeof key === 'number' ? key : String(key);
}

/**
 * Writes a path as a reader would: story.date, entities[3] (kursk).aliases[0].text. The id of an
 * entity is added when the input has a well-formed one, so the reader can find the entity.
 */
function formatPath(path: readonly PathKey[], root: unknown): string {
  if (path.length === 0) return 'pack';
  let text = '';
  path.forEach((key, depth) => {
    if (typeof key === 'number') text += `[${key}]`;
    else if (PLAIN_KEY.test(key)) text += depth === 0 ? key : `.${key}`;
    else text += `${depth === 0 ? 'pack' : ''}[${JSON.stringify(shorten(key, 60))}]`;
    if (depth === 1 && path[0] === 'entities' && typeof key === 'number') {
      const id = entityIdAt(root, key);
      if (id) text += ` (${id})`;
    }
  });
  return text;
}

function entityIdAt(root: unknown, index: number): string | undefined {
  if (!isRecord(root) || !Object.hasOwn(root, 'entities')) return undefined;
  const entities = root.entities;
  if (!Array.isArray(entities)) return undefined;
  const entity: unknown = entities[index];
  if (!isRecord(entity) || !Object.hasOwn(entity, 'id')) return undefined;
  const id = entity.id;
  return typeof id === 'string' && id.length <= 64 && ENTITY_ID.test(id) ? id : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const TYPE_NAMES: Record<string, string> = {
  string: 'must be text',
  number: 'must be a number',
  boolean: 'must be true or false',
  Array: 'must be a list',
  Object: 'must be an object',
};

/** The reason part of an error line. */
function describe(issue: v.BaseIssue<unknown>): string {
  // The schema words its own messages ("must not be empty"); valibot's defaults start with "Invalid".
  if (!issue.message.startsWith('Invalid ')) return issue.message;
  if (issue.type === 'strict_object' && issue.path?.at(-1)?.origin === 'key') {
    return issue.expected === 'never' ? 'is not a known field' : 'is missing';
  }
  if (issue.kind === 'schema') {
    const wanted = TYPE_NAMES[issue.expected ?? ''];
    if (wanted) return `${wanted}, not ${shorten(issue.received, 40)}`;
  }
  if (issue.type === 'max_length') return `must be at most ${String(issue.requirement)} characters long`;
  if (issue.type === 'min_length') return `must be at least ${String(issue.requirement)} characters long`;
  return shorten(issue.message.charAt(0).toLowerCase() + issue.message.slice(1), 200);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 40));
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return typeof value;
  if (typeof value === 'bigint') return `${value}n`;
  return String(value);
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
