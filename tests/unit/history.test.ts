import { describe, expect, it } from 'vitest';
import { toDayRecord, type DayRecord } from '../../utils/db';
import { dailyHistory, personalBests, type HistoryDay } from '../../utils/history';
import { buildBoardsAndViews } from '../../utils/leaderboard';
import type { AgentDay } from '../../utils/model';

const ZERO = { hits: 0, calls: 0, ahtSec: 0, acwSec: 0, occupancy: 0, loginSec: 0 };

/** A stored day from id → [points, loginSec]. */
function day(date: string, rows: Record<string, [number, number]>): DayRecord {
  const list: AgentDay[] = Object.entries(rows).map(([agentId, [points, loginSec]]) => ({
    ...ZERO,
    agentId,
    date,
    points,
    loginSec,
    calls: points > 0 ? 7 : 0,
  }));
  return toDayRecord(date, list, false, 0);
}

describe('dailyHistory', () => {
  it('ranks the agent among that day’s active agents, by a count of higher scores', () => {
    const days = [
      // Out of order on purpose; 'idle' has neither points nor login and is not counted.
      day('20261102', { me: [0, 0], a: [10, 60], b: [0, 60] }),
      day('20261101', {
        a: [300, 60],
        b: [200, 60],
        c: [200, 60],
        me: [150, 3600],
        d: [150, 60],
        e: [0, 60],
        idle: [0, 0],
      }),
      day('20261103', { a: [5, 60] }),
    ];
    const history = dailyHistory(days, 'me');
    expect(history.map((d) => [d.date, d.points, d.rank, d.count])).toEqual([
      // Ties above share: 3 agents strictly ahead; the tie with d does not count.
      ['20261101', 150, 4, 6],
      // Inactive: ranked behind every scorer, and counted as one more on the board.
      ['20261102', 0, 2, 3],
      // Not in the day's answer at all: zeros.
      ['20261103', 0, 2, 2],
    ]);
    expect(history[0]).toMatchObject({ loginSec: 3600, calls: 7, hits: 0 });
  });
});

/** A history day: points, rank, and login (default: some when there are points). */
function h(date: string, points: number, rank = 1, loginSec = points > 0 ? 600 : 0): HistoryDay {
  return { ...ZERO, date, points, rank, count: 20, loginSec };
}

describe('personalBests', () => {
  it('finds the best day (earliest on a tie) across months', () => {
    const history = [h('20261030', 900), h('20261101', 400), h('20261102', 900)];
    expect(personalBests(history, '20261102').bestDay).toEqual({ date: '20261030', points: 900 });
  });

  it('has no best day before any point', () => {
    expect(personalBests([h('20261101', 0, 1, 60)], '20261101').bestDay).toBeNull();
  });

  it('takes the best rank of the current month only, from days with points', () => {
    const history = [
      h('20261031', 100, 1), // last month
      h('20261101', 0, 1, 300), // logged in, no points: rank 1 only because nobody scored
      h('20261102', 100, 4),
      h('20261103', 100, 2),
      h('20261104', 100, 2),
    ];
    expect(personalBests(history, '20261104').bestRankMonth).toEqual({
      date: '20261103',
      rank: 2,
    });
    // On the 1st, only today counts.
    expect(personalBests(history.slice(0, 2), '20261101').bestRankMonth).toBeNull();
  });

  it.each<[string, HistoryDay[], string, number, number]>([
    [
      'runs up to today',
      [h('20261101', 10, 3), h('20261102', 10, 12), h('20261103', 10, 5), h('20261104', 10, 9)],
      '20261104',
      4,
      2,
    ],
    [
      'today without activity yet counts from yesterday',
      [h('20261102', 10, 3), h('20261103', 10, 4), h('20261104', 0, 1)],
      '20261104',
      2,
      2,
    ],
    [
      'today not stored yet counts from yesterday',
      [h('20261102', 10, 3), h('20261103', 10, 4)],
      '20261104',
      2,
      2,
    ],
    [
      'a day never fetched breaks the run',
      [h('20261101', 10), h('20261103', 10), h('20261104', 10)],
      '20261104',
      2,
      2,
    ],
    [
      'login without points is activity, but not a top-10 day',
      [h('20261102', 10, 2), h('20261103', 0, 1, 300), h('20261104', 10, 1)],
      '20261104',
      3,
      1,
    ],
    [
      'a run across a month boundary',
      [h('20261030', 10), h('20261031', 10), h('20261101', 10)],
      '20261101',
      3,
      3,
    ],
    ['nothing stored', [], '20261104', 0, 0],
    ['yesterday idle and today idle', [h('20261103', 0), h('20261104', 0)], '20261104', 0, 0],
  ])('streaks: %s', (_name, history, today, activity, top10) => {
    const bests = personalBests(history, today);
    expect([bests.activityStreak, bests.top10Streak]).toEqual([activity, top10]);
  });

  it('agrees with dailyHistory on real day records', () => {
    const days = ['20261029', '20261030', '20261031', '20261101', '20261102'].map((d, i) =>
      day(d, {
        me: [100 * (i + 1), 60],
        ...Object.fromEntries(
          Array.from({ length: 12 }, (_, k) => [`o${k}`, [k * 40 + 1, 60] as [number, number]]),
        ),
      }),
    );
    const history = dailyHistory(days, 'me');
    expect(history.map((d) => d.rank)).toEqual([10, 8, 5, 3, 1]);
    expect(personalBests(history, '20261102')).toEqual({
      bestDay: { date: '20261102', points: 500 },
      bestRankMonth: { date: '20261102', rank: 1 },
      activityStreak: 5,
      top10Streak: 5,
    });
  });
});

describe('buildBoardsAndViews', () => {
  it('adds the agent’s history over every stored day (not only the month) and the bests', () => {
    const days = [
      day('20260901', { me: [50, 60], a: [90, 60] }),
      day('20261031', { me: [70, 60], a: [10, 60] }),
      day('20261101', { me: [30, 60], a: [40, 60] }),
      // A day after "today" (a clock that went back) is no history yet.
      day('20261102', { me: [999, 60] }),
    ];
    const { views } = buildBoardsAndViews({
      days,
      names: new Map(),
      today: '20261101',
      meId: 'me',
      privacy: 'full',
      computedAt: 0,
      previous: {},
    });
    expect(views!.history!.map((d) => [d.date, d.points, d.rank])).toEqual([
      ['20260901', 50, 2],
      ['20261031', 70, 1],
      ['20261101', 30, 2],
    ]);
    expect(views!.bests).toEqual({
      bestDay: { date: '20261031', points: 70 },
      bestRankMonth: { date: '20261101', rank: 2 },
      activityStreak: 2,
      top10Streak: 2,
    });
  });
});
