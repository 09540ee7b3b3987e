/**
 * An EngineStore in memory for one simulated browser. It keeps what the engine's decisions depend
 * on (the sync state and which days are final), not the figures: the fleet measures calls and
 * freshness, and the browser's IndexedDB store is tested elsewhere.
 */
import { neededRange } from '../../utils/leaderboard';
import type { DayKey, DayWindow, ParsedAnswer } from '../../utils/model';
import { eachDay } from '../../utils/periods';
import { INITIAL_SYNC_STATE, type SyncState } from '../../utils/sync/state';
import type { EngineStore, SyncConfig } from '../../utils/sync/engine';

export interface MemoryStore extends EngineStore {
  /** What the engine last saved. */
  readonly state: SyncState;
  /** Windows written and views rebuilt, for the report. */
  readonly writes: number;
  readonly rebuilds: number;
}

/** A store holding `config`, starting empty (a fresh install: no day fetched yet). */
export function createMemoryStore(config: SyncConfig): MemoryStore {
  let state: SyncState = { ...INITIAL_SYNC_STATE };
  const final = new Map<DayKey, boolean>();
  let writes = 0;
  let rebuilds = 0;

  return {
    get state() {
      return state;
    },
    get writes() {
      return writes;
    },
    get rebuilds() {
      return rebuilds;
    },
    // Async like storage.local and IndexedDB, so the engine awaits as it does in the worker.
    loadConfig: async () => config,
    loadState: async () => state,
    async saveState(next) {
      state = { ...next };
    },
    // The engine uses the predicate at once, before anything is written: no snapshot needed.
    isFinal: async () => (day) => final.get(day) === true,
    neededFrom: (today) => neededRange(today).from,
    // Same rule as utils/db.ts writeWindow: days before `finalBefore` are final.
    async writeWindow(_a: ParsedAnswer, window: DayWindow, _at: number, finalBefore: DayKey) {
      writes++;
      for (const day of eachDay(window)) final.set(day, day < finalBefore);
    },
    // The sync's last answer comes with the rebuild, stored by it: a write like any other.
    async rebuild(today, _now, last) {
      if (last) {
        await this.writeWindow(last.answer, last.window, last.fetchedAt, last.finalBefore ?? today);
      }
      rebuilds++;
    },
  };
}
