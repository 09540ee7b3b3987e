/** One request in flight per browser: every sync goes through one queue. */

/**
 * A serial queue where a sync can either join the sync last queued (a refresh during a sync) or
 * wait its turn (a connection test with new settings), and where other work can run alone with
 * no sync in flight. It lives in the worker's memory on purpose: if the worker dies, the queue
 * dies with it and no lock is left behind.
 */
export function createQueue<T>() {
  /** The sync last queued, running or waiting, while nothing else was queued after it. */
  let joinable: Promise<T> | null = null;
  let tail: Promise<unknown> = Promise.resolve();
  let pending = 0;

  const enqueue = <R>(task: () => Promise<R>): Promise<R> => {
    pending++;
    const run = tail.then(task, task).finally(() => pending--);
    tail = run.catch(() => undefined);
    return run;
  };

  const enqueueSync = (task: () => Promise<T>): Promise<T> => {
    const tracked = enqueue(task).finally(() => {
      if (joinable === tracked) joinable = null;
    });
    joinable = tracked;
    return tracked;
  };

  return {
    /**
     * Join the sync last queued if nothing was queued after it, else queue `task`. A request
     * never takes the answer of a sync queued before work that runs alone (it could be a wipe),
     * nor that work's own result.
     */
    joinOrRun(task: () => Promise<T>): Promise<T> {
      return joinable ?? enqueueSync(task);
    },
    /** Run the sync `task` after whatever is queued; later requests may join it. */
    runAfter(task: () => Promise<T>): Promise<T> {
      return enqueueSync(task);
    },
    /** Run `task` after whatever is queued, alone: no request joins it. */
    runAlone<R>(task: () => Promise<R>): Promise<R> {
      const run = enqueue(task);
      joinable = null;
      return run;
    },
    /** Whether anything is running or waiting. */
    get busy(): boolean {
      return pending > 0;
    },
  };
}
