import { describe, expect, it, vi } from 'vitest';
import { createQueue } from '../../utils/sync/queue';
import { deferred, settle } from './deferred';

describe('createQueue', () => {
  it('joinOrRun joins the running task: one underlying call, one result for both', async () => {
    const queue = createQueue<string>();
    const gate = deferred<string>();
    const task = vi.fn(() => gate.promise);
    const first = queue.joinOrRun(task);
    const second = queue.joinOrRun(task);
    expect(queue.busy).toBe(true);
    await settle();
    gate.resolve('done');
    await expect(first).resolves.toBe('done');
    await expect(second).resolves.toBe('done');
    expect(task).toHaveBeenCalledTimes(1);
    expect(queue.busy).toBe(false);
  });

  it('joinOrRun starts a new task once the previous one is over', async () => {
    const queue = createQueue<number>();
    let n = 0;
    const task = vi.fn(async () => ++n);
    await expect(queue.joinOrRun(task)).resolves.toBe(1);
    await expect(queue.joinOrRun(task)).resolves.toBe(2);
    expect(task).toHaveBeenCalledTimes(2);
  });

  it('runAfter waits for the running task before it starts', async () => {
    const queue = createQueue<string>();
    const gate = deferred<string>();
    const order: string[] = [];
    const first = queue.joinOrRun(async () => {
      order.push('first:start');
      const out = await gate.promise;
      order.push('first:end');
      return out;
    });
    const second = queue.runAfter(async () => {
      order.push('second:start');
      return 'second';
    });
    await settle();
    expect(order).toEqual(['first:start']);
    gate.resolve('first');
    await expect(first).resolves.toBe('first');
    await expect(second).resolves.toBe('second');
    expect(order).toEqual(['first:start', 'first:end', 'second:start']);
  });

  it('never runs two tasks at once, whatever mix of calls', async () => {
    const queue = createQueue<number>();
    let inFlight = 0;
    let peak = 0;
    const task = (i: number) => async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await settle();
      inFlight--;
      return i;
    };
    const results = await Promise.all([
      queue.runAfter(task(1)),
      queue.joinOrRun(task(2)),
      queue.runAfter(task(3)),
      queue.runAfter(task(4)),
    ]);
    expect(peak).toBe(1);
    // The joinOrRun call found task 1 running and shared its result.
    expect(results).toEqual([1, 1, 3, 4]);
  });

  it('a rejected task reaches its callers and does not jam the queue', async () => {
    const queue = createQueue<string>();
    const failing = queue.joinOrRun(async () => {
      throw new Error('boom');
    });
    const joined = queue.joinOrRun(async () => 'never run');
    const after = queue.runAfter(async () => 'after');
    await expect(failing).rejects.toThrow('boom');
    await expect(joined).rejects.toThrow('boom');
    await expect(after).resolves.toBe('after');
    await expect(queue.joinOrRun(async () => 'later')).resolves.toBe('later');
    expect(queue.busy).toBe(false);
  });

  it('joinOrRun never joins a task run alone: it waits for it, then runs its own', async () => {
    const queue = createQueue<string>();
    const gate = deferred<void>();
    const alone = queue.runAlone(() => gate.promise);
    const task = vi.fn(async () => 'synced');
    const joined = queue.joinOrRun(task);
    await settle();
    expect(task).not.toHaveBeenCalled();
    gate.resolve();
    await expect(joined).resolves.toBe('synced');
    await expect(alone).resolves.toBeUndefined();
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('joinOrRun joins a task queued behind one run alone, but never one queued before it', async () => {
    const queue = createQueue<number>();
    const [running, wiping] = [deferred<number>(), deferred<void>()];
    const first = queue.joinOrRun(() => running.promise);
    const alone = queue.runAlone(() => wiping.promise);
    let n = 1;
    const task = vi.fn(async () => ++n);
    // A sync is running, then something alone is queued: a new request must not take the
    // running sync's answer, which was asked before whatever runs alone.
    const second = queue.joinOrRun(task);
    const third = queue.joinOrRun(task);
    running.resolve(1);
    await expect(first).resolves.toBe(1);
    wiping.resolve();
    await alone;
    await expect(second).resolves.toBe(2);
    await expect(third).resolves.toBe(2);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('a task that throws synchronously does not jam the queue either', async () => {
    const queue = createQueue<string>();
    const bad = queue.runAfter(() => {
      throw new Error('sync boom');
    });
    await expect(bad).rejects.toThrow('sync boom');
    await expect(queue.runAfter(async () => 'ok')).resolves.toBe('ok');
  });
});
