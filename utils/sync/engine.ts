/**
 * The sync engine: which calls to make, when not to make them, and what to remember afterwards.
 * It touches nothing global — storage, clock, randomness and fetch are handed in — so the worker,
 * the unit tests and the fleet simulation all run this same code.
 */
import type { DayKey, DayWindow, FetchedWindow, ParsedAnswer } from '../model';
import { dayKeyOf, eachDay, nextMidnight } from '../periods';
import { PAST_CLEAR, type SyncState } from './state';
import { WolkvoxError, type WolkvoxErrorKind } from '../wolkvox/errors';
import { fetchAgentsKpi } from '../wolkvox/client';
import { BUSY_RETRY, fullJitter, transientDelay } from './backoff';
import { halvedCap, planPastWindows } from './windows';

export interface SyncConfig {
  origin: string;
  token: string;
  timeZone: string;
  /** The chosen agent; alarm syncs wait for it. */
  agentId: string | null;
  intervalMin: number;
  dailyCap: number;
}

/** Where the engine keeps things; utils/sync/store.ts is the browser's, tests bring their own. */
export interface EngineStore {
  loadConfig(): Promise<SyncConfig | null>;
  loadState(): Promise<SyncState>;
  saveState(state: SyncState): Promise<void>;
  isFinal(): Promise<(day: DayKey) => boolean>;
  /** The first day the views need (this month, this week, the sparkline). */
  neededFrom(today: DayKey): DayKey;
  /** Store a fetched window; its days before `finalBefore` are final, never asked again. */
  writeWindow(
    answer: ParsedAnswer,
    window: DayWindow,
    fetchedAt: number,
    finalBefore: DayKey,
  ): Promise<void>;
  /**
   * Rebuild leaderboards and views from what is stored, storing `last` (the sync's final answer,
   * not yet written) first, in the same transaction.
   */
  rebuild(today: DayKey, now: number, last: FetchedWindow | null): Promise<void>;
}

export interface EngineDeps {
  store: EngineStore;
  fetch: typeof fetch;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  timeoutMs?: number;
}

export type SyncReason = 'alarm' | 'user' | 'test';
export type SkipReason = 'not-configured' | 'incomplete' | 'stopped' | 'paused' | 'backoff' | 'cap';

/** `busy`: calls wolkvox refused because another request with the token was in flight. */
export type SyncOutcome =
  | { status: 'ok'; agentCount: number; at: number; calls: number; busy: number }
  | { status: 'failed'; error: WolkvoxErrorKind; calls: number; busy: number }
  | { status: 'skipped'; why: SkipReason };

/** How long after a day's end a fetch of it counts as final. */
export const SETTLE_MS = 60 * 60_000;

/** The daily cap, reached in the middle of an alarm sync: stop, keeping what was written. */
class CapReached extends Error {}

/** The state with every field present: a state saved by an older version lacks the newer ones. */
type FullState = Required<SyncState>;
function withDefaults(state: SyncState): FullState {
  // Storage drops absent keys, so an older state's spread leaves the defaults in place.
  return { pastMissing: [], ...PAST_CLEAR, ...state };
}

/**
 * Failures of a past window that its size can explain: no answer in time, a server error, a
 * refused range, a cut-short body, a connection dropped (today answered seconds before, so the
 * network is up: a big answer is what broke it). They back off the past days alone and shrink the
 * next window. Every other kind (token, daily limit, busy, maintenance) is handled as for today.
 */
const WINDOW_FAILURES: ReadonlySet<WolkvoxErrorKind> = new Set<WolkvoxErrorKind>([
  'timeout',
  'server',
  'bad-request',
  'malformed',
  'network',
]);

/** Why an alarm tick makes no call, or null when it may. */
function alarmSkip(config: SyncConfig, state: SyncState, now: number): SkipReason | null {
  if (config.agentId === null) return 'incomplete';
  if (state.stoppedFor) return 'stopped';
  if (state.pausedUntil !== null && now < state.pausedUntil) return 'paused';
  if (state.backoffUntil !== null && now < state.backoffUntil) return 'backoff';
  if (state.usageCalls >= config.dailyCap) return 'cap';
  return null;
}

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
      // New settings: whatever stopped or paused the old ones no longer applies.
      state = {
        ...state,
        stoppedFor: null,
        pausedUntil: null,
        backoffUntil: null,
        backoffLevel: 0,
        ...PAST_CLEAR,
      };
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
    const call = async (window: DayWindow): Promise<ParsedAnswer> => {
      const started = deps.now();
      for (let attempt = 0; ; attempt++) {
        // The cap binds every call of an alarm sync, retries included, not just its start.
        if (reason === 'alarm' && state.usageCalls >= config.dailyCap) throw new CapReached();
        // Count the call before making it: a worker killed mid-call still spent it.
        state = { ...state, usageCalls: state.usageCalls + 1 };
        await store.saveState(state);
        calls++;
        try {
          return await fetchAgentsKpi({
            origin: config.origin,
            token: config.token,
            window,
            now: deps.now(),
            timeZone: config.timeZone,
            fetch: deps.fetch,
            timeoutMs: deps.timeoutMs,
          });
        } catch (err) {
          if (!(err instanceof WolkvoxError) || err.kind !== 'busy') throw err;
          busy++;
          const wait = fullJitter(attempt, BUSY_RETRY.baseMs, BUSY_RETRY.capMs, deps.random);
          const spent = deps.now() - started;
          if (attempt + 1 >= BUSY_RETRY.tries || spent + wait > BUSY_RETRY.totalMs) throw err;
          await deps.sleep(wait);
        }
      }
    };

    // Each answer is stored before the next call, so a worker stopped mid-call keeps it; the
    // last one is stored with the rebuild, in its transaction. (Should that rebuild fail, the
    // answer is lost with it; its days are not final, so the next sync asks for them again.)
    let held: FetchedWindow | null = null;
    const storeHeld = async () => {
      if (!held) return;
      await store.writeWindow(held.answer, held.window, held.fetchedAt, settled);
      held = null;
    };
    /** Past days planned and not yet answered; null until planned. */
    let missing: Set<DayKey> | null = null;
    const missingList = () => (missing ? [...missing].sort() : state.pastMissing);
    try {
      const todayWindow = { from: today, to: today };
      const todayAnswer = await call(todayWindow);
      held = {
        answer: todayAnswer,
        window: todayWindow,
        fetchedAt: deps.now(),
        finalBefore: settled,
      };
      answered = true;
      // Early in the day today's answer may list only the agents already at work: size the past
      // windows by the larger of it and the count an earlier sync learned.
      const agentCount = Math.max(todayAnswer.agents.length, state.agentCount ?? 1, 1);
      state = { ...state, agentCount };

      // Today is in hand. The past days come after it, on their own terms: a past window that
      // fails (too big to answer in time, most often) backs off alone and is asked smaller next
      // time, while every tick keeps refreshing today.
      const past = planPastWindows(
        today,
        store.neededFrom(today),
        await store.isFinal(),
        agentCount,
        state.pastMaxDays,
      );
      missing = new Set(past.flatMap((window) => eachDay(window)));
      const pastDue = state.pastBackoffUntil === null || now >= state.pastBackoffUntil;
      let failed: { window: DayWindow; error: WolkvoxError } | null = null;
      let progress = false;
      for (const window of pastDue ? past : []) {
        await storeHeld();
        let answer: ParsedAnswer;
        try {
          answer = await call(window);
        } catch (err) {
          // The cap reached after today's figures: they stand; the past waits for tomorrow's calls.
          if (err instanceof CapReached) break;
          if (err instanceof WolkvoxError && WINDOW_FAILURES.has(err.kind)) {
            // A single day cannot be asked for smaller: once per sync, go on to the older days
            // rather than let one day wolkvox will not serve keep them all missing.
            const single = window.from === window.to && !failed;
            failed = { window, error: err };
            if (single) continue;
            break;
          }
          // Anything else is about the token or the server, not this window: handled as before.
          throw err;
        }
        held = { answer, window, fetchedAt: deps.now(), finalBefore: settled };
        state = { ...state, agentCount: Math.max(agentCount, answer.agents.length) };
        for (const day of eachDay(window)) missing.delete(day);
        progress = true;
      }
      const at = deps.now();
      if (failed) {
        // Progress made this sync earns a quick retry; the same window failing again waits longer.
        const level = (progress ? 0 : state.pastBackoffLevel) + 1;
        state = {
          ...state,
          pastError: { kind: failed.error.kind, at, status: failed.error.status },
          pastBackoffLevel: level,
          pastBackoffUntil: at + transientDelay(level, config.intervalMin * 60_000, deps.random),
          pastMaxDays: halvedCap(failed.window),
        };
      } else if (missing.size === 0) {
        state = { ...state, ...PAST_CLEAR };
      }
      state = {
        ...state,
        lastSuccessAt: at,
        lastError: null,
        stoppedFor: null,
        pausedUntil: null,
        backoffUntil: null,
        backoffLevel: 0,
        pastMissing: missingList(),
      };
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

/** What a failure changes: stop, pause until the operation's midnight, or back off. */
function afterError(
  state: FullState,
  error: WolkvoxError,
  now: number,
  config: SyncConfig,
  random: () => number,
): FullState {
  const next: FullState = {
    ...state,
    lastError: { kind: error.kind, at: now, status: error.status },
  };
  switch (error.rule) {
    case 'stop':
      return { ...next, stoppedFor: error.kind };
    case 'pause-until-midnight':
      return { ...next, pausedUntil: nextMidnight(now, config.timeZone) };
    case 'retry':
    case 'backoff': {
      const level = state.backoffLevel + 1;
      const delay = transientDelay(level, config.intervalMin * 60_000, random);
      return { ...next, backoffLevel: level, backoffUntil: now + delay };
    }
  }
}
