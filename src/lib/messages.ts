// Every message between the extension's parts, in one typed map: the compiler checks both ends.
import browser from './browser';
import type { Category } from '../story/schema';

export interface EntityCount {
  entityId: string;
  category: Category;
  count: number;
}

export interface FigureFound {
  entityId: string;
  /** The figure as the page writes it, such as "US$240.1bn". */
  text: string;
  value: number;
}

export interface PageReport {
  /** How many marks the page has, all entities together. */
  total: number;
  entities: EntityCount[];
  figures: FigureFound[];
  /** False when Backstory is switched off for this site or everywhere. */
  active: boolean;
}

export interface MessageMap {
  /** Content script → background: the page's mention count changed (for the badge). */
  'page-count': { request: { total: number }; response: void };
  /** Popup → content script: what does this page mention? */
  'page-report': { request: Record<string, never>; response: PageReport };
  /** Popup → content script: scroll to the entity's next mention and flash it. */
  'reveal-entity': { request: { entityId: string }; response: boolean };
  /** Background → content script: a keyboard command moves focus to the next or previous mention. */
  'move-focus': { request: { direction: 1 | -1 }; response: boolean };
}

export type MessageType = keyof MessageMap;
export type Message<T extends MessageType = MessageType> = { type: T } & MessageMap[T]['request'];
export type Response<T extends MessageType> = MessageMap[T]['response'];

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

export async function sendToBackground<T extends MessageType>(
  type: T,
  request: MessageMap[T]['request'],
): Promise<Response<T>> {
  return (await browser.runtime.sendMessage({ type, ...request })) as Response<T>;
}

export async function sendToTab<T extends MessageType>(
  tabId: number,
  type: T,
  request: MessageMap[T]['request'],
  frameId = 0,
): Promise<Response<T>> {
  return (await browser.tabs.sendMessage(tabId, { type, ...request }, { frameId })) as Response<T>;
}

export type Handlers = {
  [T in MessageType]?: (
    message: Message<T>,
    sender: import('webextension-polyfill').Runtime.MessageSender,
  ) => Response<T> | Promise<Response<T>>;
};

/**
 * Listens for the messages that have a handler. Messages from web pages never reach
 * runtime.onMessage (there is no externally_connectable), and a sender from another extension
 * is ignored.
 */
export function handleMessages(handlers: Handlers, signal?: AbortSignal): void {
  const listener = (message: unknown, sender: import('webextension-polyfill').Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || !isMessage(message)) return undefined;
    const handler = handlers[message.type] as
      | ((m: Message, s: typeof sender) => unknown)
      | undefined;
    if (!handler) return undefined;
    return Promise.resolve(handler(message, sender));
  };
  browser.runtime.onMessage.addListener(listener);
  signal?.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}
