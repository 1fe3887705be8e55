// The keyboard commands reach the active tab's top frame as a move-focus message.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const listeners: ((command: string, tab?: { id?: number }) => void)[] = [];
  return {
    listeners,
    browser: {
      commands: { onCommand: { addListener: (listener: (typeof listeners)[number]) => listeners.push(listener) } },
      tabs: {
        query: vi.fn(async () => [{ id: 7 }]),
        sendMessage: vi.fn(async () => true as unknown),
      },
    },
  };
});

vi.mock('../../../src/lib/browser', () => ({ default: fake.browser }));

const { runCommand } = await import('../../../src/background/commands');

describe('keyboard commands', () => {
  beforeEach(() => {
    fake.browser.tabs.query.mockClear();
    fake.browser.tabs.sendMessage.mockClear();
  });

  it('listens for commands as soon as the background script loads', () => {
    expect(fake.listeners).toHaveLength(1);
  });

  it('sends next-mention and previous-mention to the top frame of the tab they came from', async () => {
    fake.listeners[0]!('next-mention', { id: 3 });
    await vi.waitFor(() => expect(fake.browser.tabs.sendMessage).toHaveBeenCalledTimes(1));
    expect(fake.browser.tabs.sendMessage).toHaveBeenCalledWith(3, { type: 'move-focus', direction: 1 }, { frameId: 0 });
    expect(await runCommand('previous-mention', { id: 3 } as never)).toBe(true);
    expect(fake.browser.tabs.sendMessage).toHaveBeenLastCalledWith(
      3,
      { type: 'move-focus', direction: -1 },
      { frameId: 0 },
    );
  });

  it('falls back to the active tab when the command names none', async () => {
    expect(await runCommand('next-mention')).toBe(true);
    expect(fake.browser.tabs.query).toHaveBeenCalledWith({ active: true, lastFocusedWindow: true });
    expect(fake.browser.tabs.sendMessage).toHaveBeenCalledWith(7, { type: 'move-focus', direction: 1 }, { frameId: 0 });
  });

  it('ignores other commands, and tabs without the content script', async () => {
    expect(await runCommand('_execute_action', { id: 3 } as never)).toBe(false);
    expect(fake.browser.tabs.sendMessage).not.toHaveBeenCalled();
    fake.browser.tabs.sendMessage.mockRejectedValueOnce(new Error('Could not establish connection'));
    expect(await runCommand('next-mention', { id: 3 } as never)).toBe(false);
  });
});
