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
  /** Agents in the operation, learned from the latest answer; sizes the split of long ranges. */
  agentCount: number | null;
  /** Calls this browser made on the operation's day `usageDay`. */
  usageDay: DayKey | null;
  usageCalls: number;
}

export const INITIAL_SYNC_STATE: SyncState = {
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastError: null,
  stoppedFor: null,
  pausedUntil: null,
  backoffUntil: null,
  backoffLevel: 0,
  agentCount: null,
  usageDay: null,
  usageCalls: 0,
};
