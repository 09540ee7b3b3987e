import { describe, expect, it } from 'vitest';
import { rowsOf, toDayRecord, type DayRecord } from '../../utils/day-records';
import type { AgentDay, DayWindow, Kpis } from '../../utils/model';
import { aggregate, rankBoard, ZERO, type BoardEntry } from '../../utils/ranking';
import { DayTotals } from '../../utils/totals';

/** A small deterministic generator (mulberry32), so a failure names the seed that shows it. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Days with agents listed in varying orders, some missing, decimals where wolkvox may send them. */
function randomDays(seed: number): DayRecord[] {
  const next = random(seed);
  const int = (n: number) => Math.floor(next() * n);
  const agents = Array.from({ length: 40 }, (_, i) => String(1000 + i));
  const dates = ['20261120', '20261121', '20261122', '20261123', '20261124'];
  // Not in date order: the totals follow the order they are given, as `aggregate` does.
  return [dates[2]!, dates[0]!, dates[4]!, dates[1]!, dates[3]!].map((date) => {
    const listed = agents.filter(() => next() < 0.8);
    if (next() < 0.5) listed.reverse();
    const rows = listed.map((agentId): AgentDay => ({
      agentId,
      date,
      points: int(5) * 10,
      hits: int(3),
      calls: int(4),
      ahtSec: int(400) + next(),
      acwSec: int(60),
      occupancy: int(1000) / 10,
      loginSec: int(3) * 1800,
    }));
    return toDayRecord(date, rows, true, 0);
  });
}

const WINDOWS: DayWindow[] = [
  { from: '20261124', to: '20261124' },
  { from: '20261121', to: '20261124' },
  { from: '20261120', to: '20261123' },
  { from: '20261101', to: '20261130' },
  { from: '20261201', to: '20261231' },
];

const NAMES = new Map(
  Array.from({ length: 40 }, (_, i) => [String(1000 + i), ['Ana', 'ána', 'Beto', 'Zoé'][i % 4]!]),
);

describe('DayTotals', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('builds the board rankBoard builds (seed %i)', (seed) => {
    const days = randomDays(seed);
    const totals = new DayTotals(days);
    for (const window of WINDOWS) {
      const inWindow = days.filter((d) => d.date >= window.from && d.date <= window.to);
      for (const me of [null, '1003', 'nobody']) {
        const reference = rankBoard(aggregate(rowsOf(inWindow)), NAMES, me);
        // toEqual compares numbers with Object.is: the same sums, rounded the same way, in the
        // same order on the board; of each entry, what a board keeps.
        expect(totals.board(window, NAMES, me)).toEqual(
          reference.map(({ id, points, hits, rank }) => ({ id, points, hits, rank })),
        );
      }
    }
  });

  it.each([1, 2, 3, 4])('sums one agent’s figures as aggregate does (seed %i)', (seed) => {
    const days = randomDays(seed);
    const totals = new DayTotals(days);
    for (const window of WINDOWS) {
      const inWindow = days.filter((d) => d.date >= window.from && d.date <= window.to);
      const all = aggregate(rowsOf(inWindow));
      for (const id of ['1000', '1003', '1039', 'nobody']) {
        // Weighted averages included, to the last bit: the same additions in the same order.
        expect(totals.kpisOf(id, window)).toEqual(all.get(id) ?? ZERO);
      }
    }
  });

  it.each([1, 2, 3, 4])('ranks one agent as a count over aggregate would (seed %i)', (seed) => {
    const days = randomDays(seed);
    const totals = new DayTotals(days);
    for (const window of WINDOWS) {
      const inWindow = days.filter((d) => d.date >= window.from && d.date <= window.to);
      const all = aggregate(rowsOf(inWindow));
      for (const id of ['1000', '1007', '1039', 'nobody']) {
        const mine = all.get(id)?.points ?? 0;
        const above = [...all.values()].filter((k) => k.points > mine).length;
        expect(totals.rankOf(id, window)).toBe(above + 1);
      }
    }
  });

  it('sums every row of an agent listed twice in a day, as aggregate does', () => {
    const rows: AgentDay[] = [1, 2, 3].map((n) => ({
      ...{ agentId: '1001', date: '20261124', points: 10 * n, hits: n, calls: n },
      ...{ ahtSec: 100 * n, acwSec: 5 * n, occupancy: 10 * n, loginSec: 600 * n },
    }));
    const totals = new DayTotals([toDayRecord('20261124', rows, true, 0)]);
    expect(totals.kpisOf('1001', WINDOWS[0]!)).toEqual(aggregate(rows).get('1001'));
  });

  it('gives an empty board for no days, but for me', () => {
    expect(new DayTotals([]).board(WINDOWS[3]!, NAMES, null)).toEqual([]);
    expect(new DayTotals([]).board(WINDOWS[3]!, NAMES, '1000')).toHaveLength(1);
    expect(new DayTotals([]).rankOf('1000', WINDOWS[3]!)).toBe(1);
  });
});

// The order rankBoard promises, as one comparator: points, hits, name (accents and case aside),
// then id. rankBoard sorts in two stages; it must land on exactly this order.
const collator = new Intl.Collator('es', { sensitivity: 'base' });
function referenceOrder(totals: Map<string, Kpis>, names: Map<string, string>): string[] {
  const nameOf = (id: string) => names.get(id) ?? id;
  return [...totals]
    .filter(([, k]) => k.points > 0 || k.loginSec > 0)
    .map(([id, k]) => ({ id, ...k }))
    .sort(
      (a, b) =>
        b.points - a.points ||
        b.hits - a.hits ||
        collator.compare(nameOf(a.id), nameOf(b.id)) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((e) => e.id);
}

describe('rankBoard order', () => {
  const NAMES = ['Ana', 'ana', 'Álvaro', 'Alvaro', 'Zoe', 'zoé', 'Ñandú', 'Nando', 'Beto Ruiz', ''];

  it.each([1, 2, 3, 4, 5, 6])('is the one-comparator order with many ties (seed %i)', (seed) => {
    const next = random(seed);
    const totals = new Map<string, Kpis>();
    const names = new Map<string, string>();
    for (let i = 0; i < 300; i++) {
      const id = String(Math.floor(next() * 100_000));
      const points = Math.floor(next() * 6) * 10;
      totals.set(id, {
        points,
        hits: Math.floor(next() * 3),
        calls: 1,
        ahtSec: 1,
        acwSec: 1,
        occupancy: 1,
        loginSec: Math.floor(next() * 2) * 60,
      });
      // Some agents have no name at all: they sort by their id.
      if (next() < 0.9) names.set(id, NAMES[Math.floor(next() * NAMES.length)]!);
    }
    const board: BoardEntry[] = rankBoard(totals, names, null);
    expect(board.map((e) => e.id)).toEqual(referenceOrder(totals, names));
    for (const e of board) expect(e).toEqual({ ...totals.get(e.id), id: e.id, rank: e.rank });
  });
});
