/**
 * Virtual time for the fleet: a binary heap of timers run in time order, never a real wait. After
 * each instant's timers the loop lets every promise chain they started settle, so the engines'
 * `await`s run at the virtual instant they belong to.
 */

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export interface VirtualClock {
  /** Virtual epoch milliseconds. */
  readonly now: number;
  /** Run `fn` at virtual instant `at` (not before now). */
  at(at: number, fn: () => void): void;
  /** A promise that resolves `ms` virtual milliseconds from now. */
  sleep(ms: number): Promise<void>;
  /** Run timers up to `until`; with `drain`, keep going past it until no timer is left. */
  run(until: number, drain?: boolean): Promise<void>;
  /** Timers run so far (a measure of the simulation's work). */
  readonly events: number;
}

// setImmediate runs after the microtask and nextTick queues are empty: every continuation the last
// timers released has run, and has scheduled its own next timer, before virtual time moves on.
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Create a clock that starts at `start` (epoch ms). */
export function createClock(start: number): VirtualClock {
  const heap: Timer[] = [];
  let now = start;
  let seq = 0;
  let events = 0;

  const before = (a: Timer, b: Timer): boolean => a.at < b.at || (a.at === b.at && a.seq < b.seq);

  function push(timer: Timer): void {
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  function pop(): Timer {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }

  return {
    get now() {
      return now;
    },
    get events() {
      return events;
    },
    at(at, fn) {
      push({ at: Math.max(at, now), seq: seq++, fn });
    },
    sleep(ms) {
      return new Promise((resolve) => push({ at: now + Math.max(0, ms), seq: seq++, fn: resolve }));
    },
    async run(until, drain = false) {
      await settle();
      for (;;) {
        if (heap.length === 0) {
          // A continuation may still be on its way to scheduling a timer: look once more.
          await settle();
          if (heap.length === 0) break;
        }
        if (!drain && heap[0]!.at > until) break;
        now = heap[0]!.at;
        // Every timer due at this instant, then one settle for all of them.
        while (heap.length > 0 && heap[0]!.at === now) {
          events++;
          pop().fn();
        }
        await settle();
      }
      if (!drain) now = Math.max(now, until);
    },
  };
}
