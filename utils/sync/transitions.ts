/**
 * How a sync reads and moves the saved state as a whole: when an alarm tick may call, what new
 * settings forget, and what a success or a failure (stop, pause, back off) leaves for the next
 * sync. The past days' own backoff is in utils/sync/past.ts.
 */
import type { DayKey } from '../model';
import { nextMidnight } from '../periods';
import type { WolkvoxError } from '../wolkvox/errors';
import { transientDelay } from './backoff';
import { PAST_CLEAR, type FullState, type SyncState } from './state';
import type { SkipReason, SyncConfig } from './types';

/** Nothing holding calls back: not stopped, not paused, no backoff. */
const CALLS_CLEAR = {
  stoppedFor: null,
  pausedUntil: null,
  backoffUntil: null,
  backoffLevel: 0,
} as const satisfies Partial<SyncState>;

/** Why an alarm tick makes no call, or null when it may. */
export function alarmSkip(config: SyncConfig, state: SyncState, now: number): SkipReason | null {
  if (config.agentId === null) return 'incomplete';
  if (state.stoppedFor) return 'stopped';
  if (state.pausedUntil !== null && now < state.pausedUntil) return 'paused';
  if (state.backoffUntil !== null && now < state.backoffUntil) return 'backoff';
  if (state.usageCalls >= config.dailyCap) return 'cap';
  return null;
}

/** New settings: whatever stopped, paused or backed off the old ones no longer applies. */
export function forNewSettings(state: FullState): FullState {
  return { ...state, ...CALLS_CLEAR, ...PAST_CLEAR };
}

/** Today's figures arrived at `at`: no error, nothing holding the next calls back. */
export function afterSuccess(state: FullState, at: number, pastMissing: DayKey[]): FullState {
  return { ...state, lastSuccessAt: at, lastError: null, ...CALLS_CLEAR, pastMissing };
}

/** What a failure changes: stop, pause until the operation's midnight, or back off. */
export function afterError(
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
