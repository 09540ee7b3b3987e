/** Period totals per agent, the leaderboard, and where one agent stands on it. */
import type { AgentDay, Kpis } from './model';

/** What a leaderboard orders by and shows of each agent: points, hits (ties), the rank. */
export interface Ranked {
  id: string;
  points: number;
  hits: number;
  rank: number;
}

/** One agent's line on the leaderboard: the period totals and the rank ("1224" style). */
export interface BoardEntry extends Kpis, Ranked {}

/** Where an agent stands: rank, board size, and the points to the neighbouring scores. */
export interface Standing<T extends Ranked = BoardEntry> {
  index: number;
  entry: T;
  rank: number;
  count: number;
  gapToNext: number | null;
  leadOverNext: number | null;
  /** The rank of the next higher score (the place to pass); null when first. */
  aboveRank: number | null;
  /** The rank of the next lower score; null when last. */
  belowRank: number | null;
}

// Created once: constructing a collator per comparison would dominate sorting a large board.
const nameCollator = new Intl.Collator('es', { sensitivity: 'base' });

/**
 * Add one agent-day to `totals`. While summing, ahtSec/acwSec hold Σ value·calls and occupancy
 * holds Σ occ·login, so the only allocation is the one object per agent that becomes the result;
 * `finishTotals` turns those sums into the weighted averages.
 */
function accumulate(totals: Map<string, Kpis>, id: string, day: Kpis): void {
  let acc = totals.get(id);
  if (acc === undefined) {
    acc = { points: 0, hits: 0, calls: 0, ahtSec: 0, acwSec: 0, occupancy: 0, loginSec: 0 };
    totals.set(id, acc);
  }
  acc.points += day.points;
  acc.hits += day.hits;
  acc.calls += day.calls;
  acc.loginSec += day.loginSec;
  acc.ahtSec += day.ahtSec * day.calls;
  acc.acwSec += day.acwSec * day.calls;
  acc.occupancy += day.occupancy * day.loginSec;
}

/**
 * AHT and ACW weighted by calls, occupancy by login time: sums kept as `accumulate` keeps them
 * (Σ value·calls, Σ occ·login) divided, in place. DayTotals.kpisOf finishes its sums here too.
 */
export function finishKpis(acc: Kpis): Kpis {
  acc.ahtSec = acc.calls > 0 ? acc.ahtSec / acc.calls : 0;
  acc.acwSec = acc.calls > 0 ? acc.acwSec / acc.calls : 0;
  acc.occupancy = acc.loginSec > 0 ? acc.occupancy / acc.loginSec : 0;
  return acc;
}

function finishTotals(totals: Map<string, Kpis>): Map<string, Kpis> {
  for (const acc of totals.values()) finishKpis(acc);
  return totals;
}

/**
 * Sums each agent's days: averages weighted by calls (AHT, ACW) and by login time (occupancy).
 * With rankBoard, the plain statement of the rules; the leaderboard computes the same boards from
 * day columns (DayTotals in totals.ts), and tests hold the two equal figure for figure.
 */
export function aggregate(rows: Iterable<AgentDay>): Map<string, Kpis> {
  const totals = new Map<string, Kpis>();
  for (const row of rows) accumulate(totals, row.agentId, row);
  return finishTotals(totals);
}

export const ZERO: Readonly<Kpis> = {
  points: 0,
  hits: 0,
  calls: 0,
  ahtSec: 0,
  acwSec: 0,
  occupancy: 0,
  loginSec: 0,
};

/** The period's leaderboard in display order: active agents plus `meId`, ranked by points. */
export function rankBoard(
  totals: Map<string, Kpis>,
  names: ReadonlyMap<string, string>,
  meId: string | null,
): BoardEntry[] {
  const board: BoardEntry[] = [];
  for (const [id, kpis] of totals) {
    if (kpis.points > 0 || kpis.loginSec > 0 || id === meId) board.push(entryOf(id, kpis));
  }
  // Me is on my own board even on a day I have not logged in yet.
  if (meId !== null && !totals.has(meId)) board.push(entryOf(meId, ZERO));
  return rankEntries(board, names);
}

/** Put a board's entries (rankBoard's) in display order and give them their ranks, in place. */
export function rankEntries<T extends Ranked>(board: T[], names: ReadonlyMap<string, string>): T[] {
  // Points, then hits, then name, then id. Sorted by the numbers first and then only within each
  // run of equal numbers by name: the same order, with the (slow) collator asked far less often.
  board.sort((a, b) => b.points - a.points || b.hits - a.hits);
  for (let start = 0, end = 1; start < board.length; start = end++) {
    const first = board[start]!;
    while (end < board.length && board[end]!.points === first.points) {
      if (board[end]!.hits !== first.hits) break;
      end++;
    }
    if (end - start > 1) sortByName(board, start, end, names);
  }

  // Standard competition ranking: equal points share the rank of the first of them.
  for (let i = 0; i < board.length; i++) {
    const prev = board[i - 1];
    const entry = board[i]!;
    entry.rank = prev !== undefined && prev.points === entry.points ? prev.rank : i + 1;
  }
  return board;
}

/**
 * One literal, every field named: `{ ...kpis, id, rank }` gave objects V8 keeps in dictionary
 * mode, 40× slower to build and several times slower to sort (measured on a 3,000-agent board).
 */
export function entryOf(id: string, k: Readonly<Kpis>): BoardEntry {
  return {
    points: k.points,
    hits: k.hits,
    calls: k.calls,
    ahtSec: k.ahtSec,
    acwSec: k.acwSec,
    occupancy: k.occupancy,
    loginSec: k.loginSec,
    id,
    rank: 0,
  };
}

/** Sort `board[start, end)` by name (a missing one as its id), then by id. */
function sortByName(
  board: Ranked[],
  start: number,
  end: number,
  names: ReadonlyMap<string, string>,
): void {
  const run = board.slice(start, end).map((entry) => ({ entry, name: names.get(entry.id) }));
  run.sort(
    (a, b) =>
      nameCollator.compare(a.name ?? a.entry.id, b.name ?? b.entry.id) ||
      (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0),
  );
  run.forEach(({ entry }, i) => (board[start + i] = entry));
}

/** Where `meId` stands on a board from `rankBoard`; null when it is not on the board. */
export function standing<T extends Ranked>(board: T[], meId: string): Standing<T> | null {
  let index = -1;
  for (let i = 0; i < board.length; i++) {
    if (board[i]!.id === meId) {
      index = i;
      break;
    }
  }
  const entry = board[index];
  if (entry === undefined) return null;
  const mine = entry.points;

  // The board is sorted by points, so the nearest different score on each side is the next one.
  let gapToNext: number | null = null;
  let aboveRank: number | null = null;
  for (let i = index - 1; i >= 0; i--) {
    const above = board[i]!;
    if (above.points > mine) {
      gapToNext = above.points - mine + 1;
      aboveRank = above.rank;
      break;
    }
  }
  let leadOverNext: number | null = null;
  let belowRank: number | null = null;
  for (let i = index + 1; i < board.length; i++) {
    const below = board[i]!;
    if (below.points < mine) {
      leadOverNext = mine - below.points;
      belowRank = below.rank;
      break;
    }
  }
  const { rank } = entry;
  return { index, entry, rank, count: board.length, gapToNext, leadOverNext, aboveRank, belowRank };
}

/** The first `top` entries and the entries within `around` places of `index`, `index` included. */
export function topAndNeighbours<T extends Ranked>(
  board: T[],
  index: number,
  top = 3,
  around = 2,
): { top: T[]; neighbours: T[] } {
  const neighbours =
    index >= 0 && index < board.length
      ? board.slice(Math.max(0, index - around), index + around + 1)
      : [];
  return { top: board.slice(0, Math.max(0, top)), neighbours };
}

/** Places gained since the baseline (positive = moved up); null without a baseline. */
export function movement(rank: number, baselineRank: number | undefined): number | null {
  return baselineRank === undefined ? null : baselineRank - rank;
}

/** Agent id → rank, to keep as the baseline for tomorrow's movement. */
export function rankMap(board: readonly { id: string; rank: number }[]): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const entry of board) ranks.set(entry.id, entry.rank);
  return ranks;
}
