// Reads a Chromium trace ('toplevel' category) for the page's main-thread tasks: every task the
// renderer's main thread ran, with its exact duration, whether or not it crossed 50 ms.

export const TRACE_CATEGORIES = ['toplevel', '__metadata'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; src_func?: string; src_file?: string };
}

/**
 * What a task did, as far as the trace tells: run script, render a frame (style, layout, paint),
 * or collect garbage (V8's heap and, with it, Blink's, which holds the DOM).
 */
export type TaskKind = 'script' | 'rendering' | 'garbage collection' | 'other';

export interface MainThreadTasks {
  /** Sum of the top-level task durations, in ms. */
  busyMs: number;
  longestMs: number;
  longestKind: TaskKind;
  /** The first task that ran script: the call itself, up to the first yield. */
  firstMs: number;
  count: number;
  over50: number;
  /** Of busyMs, the time in frames (BeginMainFrame tasks). */
  renderingMs: number;
  /** The longest task that was not a frame: script, the page's or the method's. */
  longestOutsideFramesMs: number;
}

function kindOf(event: TraceEvent): TaskKind {
  const from = event.args?.src_func ?? '';
  if (from.includes('BeginMainFrame')) return 'rendering';
  if ((event.args?.src_file ?? '').startsWith('v8/src/heap/')) return 'garbage collection';
  // A DevTools call (the harness being invoked) runs script.
  if ((event.args?.src_file ?? '').includes('ipc_mojo_bootstrap')) return 'script';
  return 'other';
}

const RUN_TASK = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);
/**
 * Blink runs the microtask checkpoint that ends a task as an event of its own, after the task's
 * RunTask: code resumed after `await scheduler.yield()` runs there, so it belongs to that task.
 */
const MICROTASKS = 'BlinkScheduler_PerformMicrotaskCheckpoint';
/** A checkpoint starting this soon (µs) after a task ended is that task's. */
const SAME_TASK_GAP_US = 200;

/**
 * The tasks of the busiest renderer main thread in the trace: only the benchmarked page is open,
 * so that is its thread. Nested events are folded into the task that contains them.
 */
export function mainThreadTasks(trace: Uint8Array): MainThreadTasks {
  const { traceEvents } = JSON.parse(Buffer.from(trace).toString('utf8')) as { traceEvents: TraceEvent[] };
  const mainThreads = new Set<string>();
  for (const event of traceEvents) {
    if (event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain') {
      mainThreads.add(`${event.pid}:${event.tid}`);
    }
  }
  const byThread = new Map<string, TraceEvent[]>();
  for (const event of traceEvents) {
    if (event.ph !== 'X' || event.dur === undefined) continue;
    if (!RUN_TASK.has(event.name) && event.name !== MICROTASKS) continue;
    const thread = `${event.pid}:${event.tid}`;
    if (!mainThreads.has(thread)) continue;
    const list = byThread.get(thread) ?? [];
    list.push(event);
    byThread.set(thread, list);
  }
  let best: MainThreadTasks = {
    busyMs: 0,
    longestMs: 0,
    longestKind: 'other',
    firstMs: 0,
    count: 0,
    over50: 0,
    renderingMs: 0,
    longestOutsideFramesMs: 0,
  };
  for (const events of byThread.values()) {
    events.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const tasks: { dur: number; kind: TaskKind }[] = [];
    let openUntil = -Infinity;
    for (const event of events) {
      if (event.ts < openUntil) continue;
      const end = event.ts + event.dur!;
      const last = tasks.at(-1);
      if (event.name === MICROTASKS && last && event.ts - openUntil <= SAME_TASK_GAP_US) {
        last.dur += end - openUntil;
        // Script resumed after a yield runs in the checkpoint.
        if (event.dur! >= 1000 && last.kind === 'other') last.kind = 'script';
      } else {
        tasks.push({ dur: event.dur!, kind: event.name === MICROTASKS ? 'script' : kindOf(event) });
      }
      openUntil = end;
    }
    const busyMs = tasks.reduce((sum, task) => sum + task.dur, 0) / 1000;
    if (busyMs > best.busyMs) {
      const longest = tasks.reduce<{ dur: number; kind: TaskKind }>((top, task) => (task.dur > top.dur ? task : top), { dur: 0, kind: 'other' });
      best = {
        busyMs,
        longestMs: longest.dur / 1000,
        longestKind: longest.kind,
        firstMs: (tasks.find((task) => task.kind === 'script')?.dur ?? 0) / 1000,
        count: tasks.length,
        over50: tasks.filter((task) => task.dur > 50_000).length,
        renderingMs: tasks.filter((task) => task.kind === 'rendering').reduce((sum, task) => sum + task.dur, 0) / 1000,
        longestOutsideFramesMs: Math.max(0, ...tasks.filter((task) => task.kind !== 'rendering').map((task) => task.dur)) / 1000,
      };
    }
  }
  return best;
}
