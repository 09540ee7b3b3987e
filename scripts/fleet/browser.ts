/**
 * One agent's browser: the real engine behind the real one-queue service, an in-memory store, its
 * own seeded randomness, and an alarm on its per-install phase of the interval (as
 * utils/sync/scheduler.ts sets it), all on the virtual clock.
 */
import { rng } from '../simulator/random';
import type { Operation } from '../simulator/data';
import { DEFAULT_TIMEOUT_MS } from '../../utils/wolkvox/client';
import { createSyncEngine, type SyncOutcome } from '../../utils/sync/engine';
import { drawOffsetMs, nextTick, shouldRephase } from '../../utils/sync/phase';
import { createSyncService } from '../../utils/sync/service';
import { DEFAULT_DAILY_CAP } from '../../utils/sync/state';
import { createMemoryStore } from './memory-store';
import type { VirtualClock } from './sim';
import type { WolkvoxModel } from './wolkvox-model';

export const ORIGIN = 'https://wv0032.wolkvox.com';
export const TOKEN = 'fleet-operation-token';

export interface BrowserStats {
  startAt: number;
  offsetMs: number;
  calls: number;
  callsByDay: Map<string, number>;
  /** Most of this browser's own requests open at once: the queue must keep it at 1. */
  maxInFlight: number;
  attempted: number;
  ok: number;
  /** Syncs that succeeded after 0, 1, 2, 3 and 4+ busy refusals. */
  retries: [number, number, number, number, number];
  failed: Record<string, number>;
  skipped: Record<string, number>;
  lastSuccessAt: number | null;
  lastFailureAt: number | null;
  /** Phases re-drawn after a busy refusal (utils/sync/phase.ts). */
  rephased: number;
  /** Calls of the first successful sync (the empty store's catch-up). */
  firstSyncCalls: number | null;
}

export interface BrowserEnv {
  clock: VirtualClock;
  model: WolkvoxModel;
  op: Operation;
  seed: number;
  intervalMin: number;
  /** Logins are spread over [shiftStart, shiftStart + loginSpreadMs); no alarm fires from endAt. */
  shiftStart: number;
  loginSpreadMs: number;
  endAt: number;
}

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** Create browser `index` and schedule its login. */
export function createBrowser(index: number, env: BrowserEnv): BrowserStats {
  const { clock, op } = env;
  const schedule = rng(env.seed, 'schedule', index);
  const stats: BrowserStats = {
    startAt: env.shiftStart + Math.floor(schedule() * env.loginSpreadMs),
    offsetMs: drawOffsetMs(schedule),
    ...{ calls: 0, callsByDay: new Map(), maxInFlight: 0, attempted: 0, ok: 0 },
    ...{ retries: [0, 0, 0, 0, 0], failed: {}, skipped: {}, firstSyncCalls: null, rephased: 0 },
    ...{ lastSuccessAt: null, lastFailureAt: null },
  };

  let inFlight = 0;
  const serverFetch = env.model.fetchFor(() => undefined);
  const fetch: typeof globalThis.fetch = async (input, init) => {
    stats.calls++;
    const day = env.model.today();
    stats.callsByDay.set(day, (stats.callsByDay.get(day) ?? 0) + 1);
    stats.maxInFlight = Math.max(stats.maxInFlight, ++inFlight);
    try {
      return await serverFetch(input, init);
    } finally {
      inFlight--;
    }
  };

  const agentId = op.agents[index % op.agents.length]!.id;
  const store = createMemoryStore({
    ...{ origin: ORIGIN, token: TOKEN, timeZone: op.timeZone, agentId },
    ...{ intervalMin: env.intervalMin, dailyCap: DEFAULT_DAILY_CAP },
  });
  const engine = createSyncEngine({
    store,
    fetch,
    now: () => clock.now,
    random: rng(env.seed, 'engine', index),
    sleep: (ms) => clock.sleep(ms),
    timeoutMs: DEFAULT_TIMEOUT_MS,
  });

  const record = (outcome: SyncOutcome): void => {
    if (outcome.status === 'skipped') return bump(stats.skipped, outcome.why);
    stats.attempted++;
    if (outcome.status === 'ok') {
      stats.ok++;
      stats.retries[Math.min(outcome.busy, 4)]!++;
      stats.firstSyncCalls ??= outcome.calls;
      stats.lastSuccessAt = outcome.at;
    } else {
      bump(stats.failed, outcome.error);
      stats.lastFailureAt = clock.now;
    }
    if (shouldRephase(outcome)) {
      // As the worker does (scheduler.ts rephase): a refusal means this phase is crowded.
      stats.offsetMs = drawOffsetMs(schedule);
      stats.rephased++;
      arm();
    }
  };
  const service = createSyncService(engine, record);

  // ensureAlarm: the periodic alarm on this install's phase; re-arming replaces the old one.
  let generation = 0;
  function arm(): void {
    const mine = ++generation;
    const fire = (): void => {
      if (mine !== generation || clock.now >= env.endAt) return;
      clock.at(clock.now + env.intervalMin * 60_000, fire);
      void service.tick();
    };
    clock.at(nextTick(clock.now, env.intervalMin, stats.offsetMs), fire);
  }
  clock.at(stats.startAt, arm);
  return stats;
}
