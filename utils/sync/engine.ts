/**
 * The sync engine: which calls to make, when not to make them, and what to remember afterwards.
 * It touches nothing global — storage, clock, randomness and fetch are handed in — so the worker,
 * the unit tests and the fleet simulation all run this same code. Its parts live beside it: one
 * call and its busy retries (call.ts), the past days (past.ts), the state's rules (transitions.ts).
 */
import type { DayKey, DayWindow, FetchedWindow, ParsedAnswer } from '../model';
import { dayKeyOf, eachDay } from '../periods';
import { WolkvoxError } from '../wolkvox/errors';
import { CapReached, callWithRetries, type CallHooks } from './call';
import { afterPast, fetchPast } from './past';
import { withDefaults } from './state';
import { afterError, afterSuccess, alarmSkip, forNewSettings } from './transitions';
import type { EngineDeps, SyncConfig, SyncOutcome, SyncReason } from './types';
import { planPastWindows } from './windows';

export type {
  EngineDeps,
  EngineStore,
  SkipReason,
  SyncConfig,
  SyncOutcome,
  SyncReason,
} from './types';

/** How long after a day's end a fetch of it counts as final. */
export const SETTLE_MS = 60 * 60_000;

/** Create the engine; `run` performs one whole sync (callers serialise it through the queue). */
export function createSyncEngine(deps: EngineDeps) {
  const { store } = deps;

  /** One whole sync. A 'test' brings the candidate settings it checks. */
  async function run(reason: SyncReason, override?: SyncConfig): Promise<SyncOutcome> {
    const config = override ?? (await store.loadConfig());
    if (!config) return { status: 'skipped', why: 'not-configured' };
    const now = deps.now();
    const today = dayKeyOf(now, config.timeZone);
    // Days before this one are stored final. Yesterday is not, until an hour into today: wolkvox
    // may post its last figures after midnight, and a browser clock running fast would otherwise
    // freeze a day that has not ended.
    const settled = dayKeyOf(now - SETTLE_MS, config.timeZone);
    let state = withDefaults(await store.loadState());
    if (state.usageDay !== today) state = { ...state, usageDay: today, usageCalls: 0 };

    if (reason === 'alarm') {
      const why = alarmSkip(config, state, now);
      if (why) return { status: 'skipped', why };
    } else if (reason === 'test') {
      state = forNewSettings(state);
    } else if (state.stoppedFor) {
      // A rejected token stays rejected until the settings change: don't spend a call proving it.
      return { status: 'failed', error: state.stoppedFor, calls: 0, busy: 0 };
    } else if (state.pausedUntil !== null && now < state.pausedUntil) {
      return { status: 'failed', error: 'daily-limit', calls: 0, busy: 0 };
    }

    state = { ...state, lastAttemptAt: now };
    let calls = 0;
    let busy = 0;
    let answered = false;
    const hooks: CallHooks = {
      spend: async () => {
        // The cap binds every call of an alarm sync, retries included, not just its start.
        if (reason === 'alarm' && state.usageCalls >= config.dailyCap) throw new CapReached();
        // Count the call before making it: a worker killed mid-call still spent it.
        state = { ...state, usageCalls: state.usageCalls + 1 };
        await store.saveState(state);
        calls++;
      },
      onBusy: () => {
        busy++;
      },
    };

    // Each answer is stored before the next call, so a worker stopped mid-call keeps it; the
    // last one is stored with the rebuild, in its transaction. (Should that rebuild fail, the
    // answer is lost with it; its days are not final, so the next sync asks for them again.)
    let held: FetchedWindow | null = null;
    const hold = (window: DayWindow, answer: ParsedAnswer) => {
      held = { answer, window, fetchedAt: deps.now(), finalBefore: settled };
    };
    const call = async (window: DayWindow): Promise<ParsedAnswer> => {
      if (held) {
        await store.writeWindow(held.answer, held.window, held.fetchedAt, settled);
        held = null;
      }
      return callWithRetries(config, window, deps, hooks);
    };

    /** Past days planned and not yet answered; null until planned. */
    let missing: Set<DayKey> | null = null;
    const missingList = () => (missing ? [...missing].sort() : state.pastMissing);
    try {
      const todayWindow = { from: today, to: today };
      const todayAnswer = await call(todayWindow);
      hold(todayWindow, todayAnswer);
      answered = true;
      // Early in the day today's answer may list only the agents already at work: size the past
      // windows by the larger of it and the count an earlier sync learned.
      const agentCount = Math.max(todayAnswer.agents.length, state.agentCount ?? 1, 1);
      state = { ...state, agentCount };

      // Today is in hand. The past days come after it, on their own terms (utils/sync/past.ts).
      const past = planPastWindows(
        today,
        store.neededFrom(today),
        await store.isFinal(),
        agentCount,
        state.pastMaxDays,
      );
      const pastMissing = new Set(past.flatMap((window) => eachDay(window)));
      missing = pastMissing;
      const pastDue = state.pastBackoffUntil === null || now >= state.pastBackoffUntil;
      const pastRun = await fetchPast(pastDue ? past : [], call, (window, answer) => {
        hold(window, answer);
        state = { ...state, agentCount: Math.max(agentCount, answer.agents.length) };
        for (const day of eachDay(window)) pastMissing.delete(day);
      });
      const at = deps.now();
      const intervalMs = config.intervalMin * 60_000;
      state = afterPast(state, pastRun, pastMissing.size === 0, at, intervalMs, deps.random);
      state = afterSuccess(state, at, missingList());
      return { status: 'ok', agentCount: state.agentCount ?? agentCount, at, calls, busy };
    } catch (err) {
      if (err instanceof CapReached) return { status: 'skipped', why: 'cap' };
      const error =
        err instanceof WolkvoxError ? err : new WolkvoxError('network', 'unexpected failure');
      const at = deps.now();
      state = afterError(state, error, at, config, deps.random);
      // A call failed after today's answer: today's figures are stored (each answer is written
      // before the next call) and the views are rebuilt from them below.
      if (answered && err instanceof WolkvoxError) {
        state = { ...state, lastSuccessAt: at, pastMissing: missingList() };
      }
      return { status: 'failed', error: error.kind, calls, busy };
    } finally {
      try {
        if (answered) await store.rebuild(today, deps.now(), held);
      } finally {
        // The calls counted, the error and the backoff are kept even if the rebuild failed.
        await store.saveState(state);
      }
    }
  }

  return { run };
}
