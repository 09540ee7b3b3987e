/**
 * The sync engine's memory between runs, kept in storage.local by the worker (utils/settings.ts)
 * and in memory by the fleet simulation. Pure: no browser API, so anything can import it.
 */
import type { DayKey } from '../model';
import type { WolkvoxErrorKind } from '../wolkvox/errors';

/** Alarm-driven calls stop for the day past this many calls from one browser. */
export const DEFAULT_DAILY_CAP = 150;

export interface SyncError {
  kind: WolkvoxErrorKind;
  at: number;
  status?: number;
}

/** What must survive the service worker's death between syncs. */
export interface SyncState {
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  /** The latest sync's failure; null once a sync succeeds. */
  lastError: SyncError | null;
  /** Set by a "stop" error (bad token…): alarm syncs wait for new settings. */
  stoppedFor: WolkvoxErrorKind | null;
  /** Daily limit reached: no calls before this instant (the operation's next midnight). */
  pausedUntil: number | null;
  /** Transient failures: alarm ticks before this instant are skipped. */
  backoffUntil: number | null;
  backoffLevel: number;
  // The past days (this week, this month, the sparkline) are fetched after today and may fail
  // on their own: a window too big to answer in time must not hold today's figures back. These
  // fields are absent from a state saved before they existed: read them with `?? default`.
  /**
   * Needed past days still missing or not final after the latest sync that got today's figures,
   * oldest first; empty when the week, month and sparkline are complete.
   */
  pastMissing?: DayKey[];
  /** The latest failure of a past window (timeout, 5xx, 400, cut-short answer); null once they all arrive. */
  pastError?: SyncError | null;
  /** Past windows are not asked before this instant (today still is); null when they may be. */
  pastBackoffUntil?: number | null;
  pastBackoffLevel?: number;
  /** Days per past window after one failed: halved at each failure, down to 1; null when unlimited. */
  pastMaxDays?: number | null;
  /** Agents in the operation, learned from the latest answer; sizes the split of long ranges. */
  agentCount: number | null;
  /** Calls this browser made on the operation's day `usageDay`. */
  usageDay: DayKey | null;
  usageCalls: number;
}

/** The past part with nothing failing: no error, no backoff, windows of any size. */
export const PAST_CLEAR = {
  pastError: null,
  pastBackoffUntil: null,
  pastBackoffLevel: 0,
  pastMaxDays: null,
} as const satisfies Partial<SyncState>;

export const INITIAL_SYNC_STATE: SyncState = {
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastError: null,
  stoppedFor: null,
  pausedUntil: null,
  backoffUntil: null,
  backoffLevel: 0,
  pastMissing: [],
  ...PAST_CLEAR,
  agentCount: null,
  usageDay: null,
  usageCalls: 0,
};

/** The state with every field present: a state saved by an older version lacks the newer ones. */
export type FullState = Required<SyncState>;

/** `state` with the fields it was saved without filled in. */
export function withDefaults(state: SyncState): FullState {
  // Storage drops absent keys, so an older state's spread leaves the defaults in place.
  return { pastMissing: [], ...PAST_CLEAR, ...state };
}
