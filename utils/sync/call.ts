/**
 * One call to wolkvox as a sync makes it: paid for before it is made, and made again while
 * wolkvox refuses it because another request with the token is in flight.
 */
import type { DayWindow, ParsedAnswer } from '../model';
import { fetchAgentsKpi } from '../wolkvox/client';
import { WolkvoxError } from '../wolkvox/errors';
import { BUSY_RETRY, fullJitter } from './backoff';
import type { EngineDeps, SyncConfig } from './types';

/** The daily cap, reached in the middle of an alarm sync: stop, keeping what was written. */
export class CapReached extends Error {}

export type CallDeps = Pick<EngineDeps, 'fetch' | 'now' | 'random' | 'sleep' | 'timeoutMs'>;

/** What the engine counts around each attempt; the call itself keeps no tally. */
export interface CallHooks {
  /** Runs before every attempt, retries included: counts it, or throws CapReached. */
  spend: () => Promise<void>;
  /** Runs for every "busy" refusal. */
  onBusy: () => void;
}

/** Ask for `window`, retrying a "busy" refusal within BUSY_RETRY's count and total time. */
export async function callWithRetries(
  config: SyncConfig,
  window: DayWindow,
  deps: CallDeps,
  hooks: CallHooks,
): Promise<ParsedAnswer> {
  const started = deps.now();
  for (let attempt = 0; ; attempt++) {
    await hooks.spend();
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
      hooks.onBusy();
      const wait = fullJitter(attempt, BUSY_RETRY.baseMs, BUSY_RETRY.capMs, deps.random);
      const spent = deps.now() - started;
      if (attempt + 1 >= BUSY_RETRY.tries || spent + wait > BUSY_RETRY.totalMs) throw err;
      await deps.sleep(wait);
    }
  }
}
