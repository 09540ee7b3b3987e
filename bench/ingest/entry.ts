/**
 * Browser side of the ingest measure, bundled by bench/measures/ingest.ts into bench/tmp/ingest.js
 * and evaluated in a page of the extension's origin: the shipped reader and rebuildViews against
 * the origin's real IndexedDB (the database the service worker uses).
 */
import { storedValues } from '../../utils/day-records';
import { DB_NAME, openPodioDb, rebuildStored, resetDbForTests } from '../../utils/db';
import { buildBoardsAndViews } from '../../utils/leaderboard';
import type { DayKey, DayWindow, ParsedAnswer } from '../../utils/model';
import { addDays } from '../../utils/periods';
import { KEEP_DAYS, rebuildViews } from '../../utils/sync/store';
import { readAgentsKpiBytes, parseAgentsKpiBytes } from '../../utils/wolkvox/parse-bytes';

export interface IngestTimes {
  parseMs: number;
  /** The one transaction that stores the answer and the leaderboards and views built from it. */
  storeMs: number;
  totalMs: number;
  rows: number;
  agents: number;
}

export interface IngestProfile {
  /** The fast reader alone, straight from the bytes. */
  readBytesMs: number;
  /** 1 if the fast reader gave up and the answer would have been read the reference way. */
  gaveUp: number;
  /** TextDecoder on the same bytes: what the reference reader pays before JSON.parse. */
  decodeMs: number;
  /** Packing the parsed days for storage (figures narrowed; pure JS, done as the days are put). */
  packMs: number;
  /** Leaderboards and views built from the days, inside the transaction (pure JS). */
  buildMs: number;
  /** The whole transaction: the days put, the build, boards and views put, the commit. */
  transactionMs: number;
}

/** Drop the database and create it again, schema included, outside any timing. */
async function freshDb(): Promise<void> {
  resetDbForTests();
  await new Promise<void>((resolve, reject) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error);
  });
  await openPodioDb();
}

/**
 * The timed path, exactly as the worker runs a sync's last answer: parse, then one transaction
 * that stores the days and the leaderboards and views rebuilt from them.
 */
async function ingest(bytes: Uint8Array, window: DayWindow, today: DayKey, now: number) {
  const t0 = performance.now();
  const parsed = parseAgentsKpiBytes(bytes, window);
  const t1 = performance.now();
  await rebuildViews(now, today, true, { answer: parsed, window, fetchedAt: now });
  const t2 = performance.now();
  const out: IngestTimes = {
    ...{ parseMs: t1 - t0, storeMs: t2 - t1, totalMs: t2 - t0 },
    ...{ rows: rowCount(parsed), agents: parsed.agents.length },
  };
  return out;
}

/** The same work cut finer (settings passed in, not read). */
async function profile(
  bytes: Uint8Array,
  window: DayWindow,
  today: DayKey,
  now: number,
  me: string,
) {
  const t1 = performance.now();
  const fast = readAgentsKpiBytes(bytes, window);
  const t2 = performance.now();
  // What the reference reader would pay before JSON.parse: the bytes decoded to text.
  const d0 = performance.now();
  void new TextDecoder().decode(bytes);
  const d1 = performance.now();
  const parsed = fast ?? parseAgentsKpiBytes(bytes, window);
  // The narrowing of the figures, alone, to tell JS time from IndexedDB time.
  for (const day of parsed.days) void storedValues(day.values);
  const t3 = performance.now();
  let buildMs = 0;
  const last = { answer: parsed, window, fetchedAt: now };
  const keepFrom = addDays(today, -(KEEP_DAYS - 1));
  await rebuildStored({ keepFrom, today, last, saveBoards: true }, (figures) => {
    const b0 = performance.now();
    const built = buildBoardsAndViews({
      ...figures,
      ...{ today, meId: me, privacy: 'full', computedAt: now },
    });
    buildMs = performance.now() - b0;
    return built;
  });
  const t4 = performance.now();
  const out: IngestProfile = {
    ...{ readBytesMs: t2 - t1, gaveUp: fast ? 0 : 1, packMs: t3 - t2, decodeMs: d1 - d0 },
    ...{ buildMs, transactionMs: t4 - t3 },
  };
  return out;
}

const rowCount = (parsed: ParsedAnswer) => parsed.days.reduce((n, d) => n + d.ids.length, 0);

/** The baseline: JSON.parse of the same text in the same context. */
function baseline(text: string): number {
  const t0 = performance.now();
  const value: unknown = JSON.parse(text);
  const ms = performance.now() - t0;
  if (value === null) throw new Error('unreachable: keeps the parse from being dropped');
  return ms;
}

const api = { freshDb, ingest, profile, baseline };
export type PodioBench = typeof api;
(globalThis as unknown as { podioBench: PodioBench }).podioBench = api;
