/**
 * Browser side of the ingest measure, bundled by bench/measures/ingest.ts into bench/tmp/ingest.js
 * and evaluated in a page of the extension's origin: the shipped parser, writeWindow and
 * rebuildViews against the origin's real IndexedDB (the database the service worker uses).
 */
import { storedValues } from '../../utils/day-records';
import {
  DB_NAME,
  getBoards,
  getDays,
  listAgents,
  openPodioDb,
  resetDbForTests,
  saveBoardsAndViews,
  writeWindow,
} from '../../utils/db';
import { buildBoardsAndViews, neededRange } from '../../utils/leaderboard';
import type { DayKey, DayWindow, ParsedAnswer } from '../../utils/model';
import { addDays } from '../../utils/periods';
import { KEEP_DAYS, rebuildViews } from '../../utils/sync/store';
import { parseAgentsKpi, parseJson, readAgentsKpi } from '../../utils/wolkvox/parse';

export interface IngestTimes {
  parseMs: number;
  writeMs: number;
  rebuildMs: number;
  totalMs: number;
  rows: number;
  agents: number;
}

export interface IngestProfile {
  jsonParseMs: number;
  readRowsMs: number;
  /** Packing the parsed days for storage (ids joined, figures copied; pure JS, in writeWindow). */
  packMs: number;
  writeMs: number;
  /** The same window written again: every agent already known, so no agent puts. */
  writeAgainMs: number;
  rebuildReadMs: number;
  rebuildBuildMs: number;
  rebuildSaveMs: number;
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

/** The timed path, exactly as the worker runs it: parse, write the window, rebuild views. */
async function ingest(text: string, window: DayWindow, today: DayKey, now: number) {
  const t0 = performance.now();
  const parsed = parseAgentsKpi(text, window);
  const t1 = performance.now();
  await writeWindow(parsed, window, now, today);
  const t2 = performance.now();
  await rebuildViews(now, today);
  const t3 = performance.now();
  const out: IngestTimes = {
    ...{ parseMs: t1 - t0, writeMs: t2 - t1, rebuildMs: t3 - t2, totalMs: t3 - t0 },
    ...{ rows: rowCount(parsed), agents: parsed.agents.length },
  };
  return out;
}

/** The same work cut finer, rebuildViews's steps spelled out (settings passed in, not read). */
async function profile(text: string, window: DayWindow, today: DayKey, now: number, me: string) {
  const t0 = performance.now();
  const root = parseJson(text);
  const t1 = performance.now();
  const parsed = readAgentsKpi(root, window);
  const t2 = performance.now();
  // writeWindow's packing of the days, alone, to tell JS time from IndexedDB time.
  const p0 = performance.now();
  for (const day of parsed.days) void [day.ids.join(','), storedValues(day.values)];
  const p1 = performance.now();
  const w0 = performance.now();
  await writeWindow(parsed, window, now, today);
  const w1 = performance.now();
  await writeWindow(parsed, window, now, today);
  const t3 = performance.now();
  const range = neededRange(today);
  const [days, agents, previous] = await Promise.all([
    getDays(range.from, range.to),
    listAgents(),
    getBoards(),
  ]);
  const t4 = performance.now();
  const { boards, views } = buildBoardsAndViews({
    ...{ days, names: new Map(agents.map((a) => [a.id, a.name])), today, meId: me },
    ...{ privacy: 'full', computedAt: now, previous },
  });
  const t5 = performance.now();
  await saveBoardsAndViews(boards, views, addDays(today, -(KEEP_DAYS - 1)));
  const t6 = performance.now();
  const out: IngestProfile = {
    ...{ jsonParseMs: t1 - t0, readRowsMs: t2 - t1, packMs: p1 - p0 },
    ...{ writeMs: w1 - w0, writeAgainMs: t3 - w1 },
    ...{ rebuildReadMs: t4 - t3, rebuildBuildMs: t5 - t4, rebuildSaveMs: t6 - t5 },
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
