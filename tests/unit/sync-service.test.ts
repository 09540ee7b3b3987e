import { describe, expect, it, vi } from 'vitest';
import type { SyncConfig, SyncOutcome, SyncReason } from '../../utils/sync/engine';
import { createSyncService, toReply } from '../../utils/sync/service';
import { deferred, settle, type Deferred } from './deferred';

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

  it.each(['refresh', 'tick'] as const)(
    'a %s asked while something runs alone syncs after it, and is not told "not configured"',
    async (ask) => {
      const engine = fakeEngine();
      const onDone = vi.fn();
      const service = createSyncService(engine, onDone);
      const gate = deferred<void>();
      const alone = service.exclusive(() => gate.promise);
      const sync = service[ask]();
      await settle();
      expect(engine.run).not.toHaveBeenCalled();
      gate.resolve();
      await alone;
      await settle();
      expect(engine.run).toHaveBeenCalledWith(ask === 'refresh' ? 'user' : 'alarm');
      engine.gates[0]!.resolve(OK);
      await expect(sync).resolves.toEqual(OK);
      expect(onDone).toHaveBeenCalledTimes(1);
    },
  );

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
