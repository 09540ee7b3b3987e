import { describe, expect, it, vi } from 'vitest';
import type { SyncConfig, SyncOutcome, SyncReason } from '../../utils/sync/engine';
import { createQueue } from '../../utils/sync/queue';
import { createSyncService, toReply } from '../../utils/sync/service';

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (err: unknown) => void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Let every pending promise callback run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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

  it('a task that throws synchronously does not jam the queue either', async () => {
    const queue = createQueue<string>();
    const bad = queue.runAfter(() => {
      throw new Error('sync boom');
    });
    await expect(bad).rejects.toThrow('sync boom');
    await expect(queue.runAfter(async () => 'ok')).resolves.toBe('ok');
  });
});

describe('createSyncService', () => {
  const CONFIG: SyncConfig = {
    origin: 'https://wv0032.wolkvox.com',
    token: 'tok',
    timeZone: 'America/Bogota',
    agentId: '1001',
    intervalMin: 5,
    dailyCap: 150,
  };
  const OK: SyncOutcome = { status: 'ok', agentCount: 3, at: 1, calls: 1, busy: 0 };

  function fakeEngine() {
    const gates: Deferred<SyncOutcome>[] = [];
    const run = vi.fn((_reason: SyncReason, _override?: SyncConfig) => {
      const gate = deferred<SyncOutcome>();
      gates.push(gate);
      return gate.promise;
    });
    return { run, gates };
  }

  it('an alarm tick during "refresh now" joins it: one engine run', async () => {
    const engine = fakeEngine();
    const onDone = vi.fn();
    const service = createSyncService(engine, onDone);
    const refresh = service.refresh();
    const tick = service.tick();
    await settle();
    expect(engine.run).toHaveBeenCalledTimes(1);
    expect(engine.run).toHaveBeenCalledWith('user');
    engine.gates[0]!.resolve(OK);
    await expect(refresh).resolves.toEqual(OK);
    await expect(tick).resolves.toEqual(OK);
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('"save and test" waits for the running sync, then runs with the candidate settings', async () => {
    const engine = fakeEngine();
    const onDone = vi.fn();
    const service = createSyncService(engine, onDone);
    const tick = service.tick();
    const test = service.test(CONFIG);
    await settle();
    expect(engine.run).toHaveBeenCalledTimes(1);
    expect(engine.run).toHaveBeenLastCalledWith('alarm');
    engine.gates[0]!.resolve({ status: 'skipped', why: 'backoff' });
    await tick;
    await settle();
    expect(engine.run).toHaveBeenCalledTimes(2);
    expect(engine.run).toHaveBeenLastCalledWith('test', CONFIG);
    engine.gates[1]!.resolve(OK);
    await expect(test).resolves.toEqual(OK);
    expect(onDone).toHaveBeenCalledTimes(2);
  });

  it('an engine that throws does not stop later syncs', async () => {
    const onDone = vi.fn();
    const run = vi
      .fn<(reason: SyncReason) => Promise<SyncOutcome>>()
      .mockRejectedValueOnce(new Error('storage broke'))
      .mockResolvedValue(OK);
    const service = createSyncService({ run }, onDone);
    await expect(service.refresh()).rejects.toThrow('storage broke');
    await expect(service.refresh()).resolves.toEqual(OK);
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});

describe('toReply', () => {
  it.each<[SyncOutcome, unknown]>([
    [
      { status: 'ok', agentCount: 12, at: 99, calls: 3, busy: 0 },
      { ok: true, agentCount: 12, at: 99 },
    ],
    [
      { status: 'failed', error: 'bad-token', calls: 1, busy: 0 },
      { ok: false, error: 'bad-token' },
    ],
    [
      { status: 'skipped', why: 'not-configured' },
      { ok: false, error: 'not-configured' },
    ],
  ])('%o → %o', (outcome, reply) => {
    expect(toReply(outcome)).toEqual(reply);
  });
});
