/**
 * What the sync engine is handed and what it answers. Its own module so the engine's parts can
 * share these without importing the engine; utils/sync/engine.ts re-exports them for its callers.
 */
import type { DayKey, DayWindow, FetchedWindow, ParsedAnswer } from '../model';
import type { WolkvoxErrorKind } from '../wolkvox/errors';
import type { SyncState } from './state';

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
