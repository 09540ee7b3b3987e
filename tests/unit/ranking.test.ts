import { describe, expect, it } from 'vitest';
import type { AgentDay, Kpis } from '../../utils/model';
import {
  aggregate,
  movement,
  rankBoard,
  rankMap,
  standing,
  topAndNeighbours,
  type BoardEntry,
} from '../../utils/ranking';

const ZERO: Kpis = {
  points: 0,
  hits: 0,
  calls: 0,
  ahtSec: 0,
  acwSec: 0,
  occupancy: 0,
  loginSec: 0,
};
const kpis = (points: number, more: Partial<Kpis> = {}): Kpis => ({
  ...ZERO,
  points,
  loginSec: 3600,
  ...more,
});
const day = (agentId: string, date: string, more: Partial<Kpis>): AgentDay => ({
  ...ZERO,
  agentId,
  date,
  ...more,
});
/** A board from points alone; agent ids are a, b, c… in the order given. */
const boardOf = (points: number[]) =>
  rankBoard(new Map(points.map((p, i) => [String.fromCharCode(97 + i), kpis(p)])), new Map(), null);

describe('aggregate', () => {
  const rows = [
    day('7', '20260301', {
      points: 100,
      hits: 2,
      calls: 10,
      ahtSec: 300,
      acwSec: 30,
      occupancy: 50,
      loginSec: 3600,
    }),
    day('8', '20260301', {
      points: 40,
      calls: 0,
      ahtSec: 999,
      acwSec: 99,
      occupancy: 20,
      loginSec: 1800,
    }),
    day('7', '20260302', {
      points: 50,
      hits: 1,
      calls: 30,
      ahtSec: 100,
      acwSec: 10,
      occupancy: 80,
      loginSec: 7200,
    }),
    // A day with no calls and no login must not dilute the averages.
    day('7', '20260303', { points: 5, ahtSec: 0, acwSec: 0, occupancy: 0, loginSec: 0 }),
    day('9', '20260301', { points: 0, calls: 0, loginSec: 0, occupancy: 70 }),
  ];
  const totals = aggregate(rows);

  it('sums counts and weights AHT/ACW by calls and occupancy by login time', () => {
    expect(totals.get('7')).toEqual({
      points: 155,
      hits: 3,
      calls: 40,
      ahtSec: 150, // (300·10 + 100·30) / 40
      acwSec: 15, // (30·10 + 10·30) / 40
      occupancy: 70, // (50·3600 + 80·7200) / 10800
      loginSec: 10800,
    });
  });

  it('gives zero AHT and ACW to an agent with no calls, and zero occupancy without login', () => {
    expect(totals.get('8')).toMatchObject({ calls: 0, ahtSec: 0, acwSec: 0, occupancy: 20 });
    expect(totals.get('9')).toMatchObject({ loginSec: 0, occupancy: 0 });
  });

  it('accepts any iterable and returns an empty map for no rows', () => {
    function* gen() {
      yield* rows;
    }
    expect(aggregate(gen())).toEqual(totals);
    expect(aggregate([]).size).toBe(0);
  });

  it('sums the record cap, 60,000 rows (2,000 agents × 30 days), agent by agent', () => {
    const many: AgentDay[] = [];
    for (let d = 0; d < 30; d++) {
      for (let a = 0; a < 2000; a++) {
        many.push(
          day(String(a), `202603${String(d + 1).padStart(2, '0')}`, {
            points: 1,
            calls: 2,
            ahtSec: 60,
          }),
        );
      }
    }
    // How long it takes is the bench's to measure (npm run bench, ingest), not a test's.
    const big = aggregate(many);
    expect(big.size).toBe(2000);
    expect(big.get('1999')).toMatchObject({ points: 30, calls: 60, ahtSec: 60 });
  });
});

describe('rankBoard', () => {
  it.each([
    [
      [100, 90, 90, 80],
      [1, 2, 2, 4],
    ],
    [
      [100, 90, 80],
      [1, 2, 3],
    ],
    [
      [50, 50, 50],
      [1, 1, 1],
    ],
    [
      [10, 10, 5, 5, 1],
      [1, 1, 3, 3, 5],
    ],
    [
      [80, 90, 100, 90],
      [1, 2, 2, 4],
    ], // input order does not matter
  ])('ranks %j as %j', (points, ranks) => {
    expect(boardOf(points).map((e) => e.rank)).toEqual(ranks);
  });

  it('orders ties by hits, then by name ignoring accents and case, then by id', () => {
    const totals = new Map<string, Kpis>([
      ['1', kpis(50, { hits: 1 })],
      ['2', kpis(50, { hits: 1 })],
      ['3', kpis(50, { hits: 1 })],
      ['4', kpis(50, { hits: 1 })],
      ['5', kpis(50, { hits: 1 })],
      ['6', kpis(50, { hits: 9 })],
      ['7', kpis(60)],
    ]);
    const names = new Map([
      ['1', 'Zoe'],
      ['2', 'Álvaro'],
      ['3', 'beatriz'],
      ['4', 'Alvaro'],
      ['5', 'Alberto'],
      ['6', 'Zacarías'],
      ['7', 'Yolanda'],
    ]);
    const board = rankBoard(totals, names, null);
    expect(board.map((e) => names.get(e.id))).toEqual([
      'Yolanda',
      'Zacarías', // more hits wins among equal points
      'Alberto',
      'Álvaro', // "Álvaro" and "Alvaro" compare equal; id "2" < "4"
      'Alvaro',
      'beatriz',
      'Zoe',
    ]);
    expect(board.map((e) => e.rank)).toEqual([1, 2, 2, 2, 2, 2, 2]);
  });

  it('leaves out idle agents but keeps those logged in with no points', () => {
    const totals = new Map<string, Kpis>([
      ['busy', kpis(10)],
      ['idle', { ...ZERO, calls: 3 }],
      ['loggedIn', kpis(0, { loginSec: 60 })],
    ]);
    expect(rankBoard(totals, new Map(), null).map((e) => [e.id, e.rank])).toEqual([
      ['busy', 1],
      ['loggedIn', 2],
    ]);
  });

  it.each([
    [
      'absent from the totals',
      new Map<string, Kpis>([
        ['a', kpis(10)],
        ['b', kpis(5)],
      ]),
    ],
    [
      'idle in the totals',
      new Map<string, Kpis>([
        ['a', kpis(10)],
        ['me', ZERO],
        ['b', kpis(5)],
      ]),
    ],
  ])('includes me with zeros at the bottom when I am %s', (_label, totals) => {
    const board = rankBoard(totals, new Map(), 'me');
    expect(board.map((e) => e.id)).toEqual(['a', 'b', 'me']);
    expect(board[2]).toEqual({ ...ZERO, id: 'me', rank: 3 });
  });

  it('is deterministic whatever the order of the totals', () => {
    const entries: [string, Kpis][] = [
      ['9', kpis(5)],
      ['10', kpis(5)],
      ['3', kpis(7)],
    ];
    const a = rankBoard(new Map(entries), new Map(), null);
    const b = rankBoard(new Map([...entries].reverse()), new Map(), null);
    expect(a).toEqual(b);
    expect(a.map((e) => e.id)).toEqual(['3', '10', '9']);
  });
});

describe('standing', () => {
  // a 120 · b 90 · c 90 · d 85 · e 85 · f 70
  const board = boardOf([120, 90, 90, 85, 85, 70]);
  it.each([
    ['a', 0, 1, null, 30], // first place: nobody to pass
    ['b', 1, 2, 31, 5], // a tie below is not "below"
    ['c', 2, 2, 31, 5], // a tie above is not "above"
    ['d', 3, 4, 6, 15],
    ['e', 4, 4, 6, 15],
    ['f', 5, 6, 16, null], // last place: nobody to lead
  ])('%s: index %i, rank %i, gap %s, lead %s', (id, index, rank, gapToNext, leadOverNext) => {
    expect(standing(board, id)).toMatchObject({ index, rank, count: 6, gapToNext, leadOverNext });
    expect(standing(board, id)?.entry.id).toBe(id);
  });

  // Two at 500, three at 400, one at 300: the place to pass is the first of the tied group above.
  const tied = boardOf([500, 500, 400, 400, 400, 300]);
  it.each([
    ['a', null, 3],
    ['c', 1, 6],
    ['e', 1, 6], // the last of the 400s passes #1, not "#4"
    ['f', 3, null],
  ])('%s: the place to pass is #%s, the next lower score is #%s', (id, aboveRank, belowRank) => {
    expect(standing(tied, id)).toMatchObject({ aboveRank, belowRank });
  });

  it('has neither gap nor lead when everyone is tied, and is null off the board', () => {
    expect(standing(boardOf([50, 50]), 'b')).toMatchObject({ gapToNext: null, leadOverNext: null });
    expect(standing(board, 'zz')).toBeNull();
    expect(standing([], 'a')).toBeNull();
  });
});

describe('topAndNeighbours', () => {
  const board = boardOf([100, 90, 80, 70, 60, 50, 40, 30, 20, 10]);
  const ids = (entries: BoardEntry[]) => entries.map((e) => e.id).join('');
  it.each([
    [0, 3, 2, 'abc', 'abc'],
    [1, 3, 2, 'abc', 'abcd'],
    [5, 3, 2, 'abc', 'defgh'],
    [9, 3, 2, 'abc', 'hij'],
    [5, 5, 1, 'abcde', 'efg'],
    [-1, 3, 2, 'abc', ''],
  ])('index %i, top %i, around %i', (index, top, around, expectedTop, expectedNeighbours) => {
    const got = topAndNeighbours(board, index, top, around);
    expect(ids(got.top)).toBe(expectedTop);
    expect(ids(got.neighbours)).toBe(expectedNeighbours);
  });

  it('defaults to top 3 and 2 either side, and copes with a short board', () => {
    expect(ids(topAndNeighbours(board, 4).neighbours)).toBe('cdefg');
    const short = boardOf([5, 3]);
    expect(ids(topAndNeighbours(short, 1).top)).toBe('ab');
    expect(ids(topAndNeighbours(short, 1).neighbours)).toBe('ab');
  });
});

describe('movement and rankMap', () => {
  it.each([
    [3, 5, 2],
    [5, 3, -2],
    [4, 4, 0],
    [1, undefined, null],
  ])('rank %i against baseline %s moves %s', (rank, baseline, expected) => {
    expect(movement(rank, baseline)).toBe(expected);
  });

  it('maps ids to ranks, ties included', () => {
    expect(rankMap(boardOf([100, 90, 90, 80]))).toEqual(
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 2],
        ['d', 4],
      ]),
    );
  });
});
