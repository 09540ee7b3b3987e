/** One request in flight per browser: every sync goes through one queue. */

/**
 * A serial queue where a caller can either join the task already running (a refresh during a
 * sync) or wait its turn (a connection test with new settings). It lives in the worker's memory
 * on purpose: if the worker dies, the queue dies with it and no lock is left behind.
 */
export function createQueue<T>() {
  let running: Promise<T> | null = null;
  let tail: Promise<unknown> = Promise.resolve();

  const enqueue = (task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    const tracked = run.finally(() => {
      if (running === tracked) running = null;
    });
    tail = tracked.catch(() => undefined);
    running = tracked;
    return tracked;
  };

  return {
    /** Join the running task if there is one, else start `task`. */
    joinOrRun(task: () => Promise<T>): Promise<T> {
      return running ?? enqueue(task);
    },
    /** Run `task` after whatever is queued. */
    runAfter(task: () => Promise<T>): Promise<T> {
      return enqueue(task);
    },
    get busy(): boolean {
      return running !== null;
    },
  };
}
