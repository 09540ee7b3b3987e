import { describe, expect, it } from 'vitest';
import { toDayRecord, type BoardRecord, type DayRecord } from '../../utils/db';
import { buildBoardsAndViews, neededRange, type BuildInput } from '../../utils/leaderboard';
import type { AgentDay, Kpis, PrivacyMode } from '../../utils/model';
import type { Ranked } from '../../utils/ranking';
import { eachDay } from '../../utils/periods';
import type { BoardRow, PeriodView } from '../../utils/views';

const TODAY = '20261124'; // a Tuesday
const ZERO: Kpis = {
  points: 0,
  hits: 0,
  calls: 0,
  ahtSec: 0,
  acwSec: 0,
  occupancy: 0,
  loginSec: 0,
};

/** A day record from `id → points` (active agents get some login time). */
function day(date: string, points: Record<string, number>, final = date < TODAY): DayRecord {
  const rows: AgentDay[] = Object.entries(points).map(([agentId, p]) => ({
    ...ZERO,
    agentId,
    date,
    points: p,
    calls: p > 0 ? 10 : 0,
    loginSec: p > 0 ? 3_600 : 0,
  }));
  return toDayRecord(date, rows, final, 0);
}

const NAMES = new Map([
  ['1001', 'Ana Gómez'],
  ['1002', 'Beto Ruiz'],
  ['1003', 'Carla Díaz'],
  ['1004', 'Darío Pérez'],
  ['1005', 'Eva Luna'],
]);

// Month so far (Nov 1–24), week so far (Mon 23–Tue 24).
const ACTIVE: DayRecord[] = [
  day('20261102', { '1002': 500, '1003': 100 }),
  day('20261123', { '1001': 100, '1002': 150, '1003': 300, '1004': 100 }),
  // 1004 is listed today with nothing done: not on today's board.
  day('20261124', { '1001': 260, '1002': 200, '1003': 10, '1004': 0, '1005': 200 }),
];
// Every other day of the month was fetched and quiet; October's days were never fetched.
const DAYS: DayRecord[] = eachDay({ from: '20261101', to: TODAY }).map(
  (date) => ACTIVE.find((d) => d.date === date) ?? day(date, {}),
);
const without = (...dates: string[]) => DAYS.filter((d) => !dates.includes(d.date));

function build(over: Partial<BuildInput> = {}) {
  return buildBoardsAndViews({
    days: DAYS,
    names: NAMES,
    today: TODAY,
    meId: '1001',
    privacy: 'full',
    computedAt: 42,
    previous: {},
    ...over,
  });
}
const ranks = (entries: Ranked[]) => entries.map((e) => [e.id, e.rank, e.points]);
const rows = (list: BoardRow[]) => list.map((r) => [r.rank, r.name, r.points, r.isMe]);

describe('neededRange', () => {
  it.each([
    // Tuesday late in the month: the 30-day sparkline reaches furthest back.
    ['20261124', '20261026'],
    // The 31st: the month starts before the 30 days do.
    ['20261231', '20261201'],
    // A Sunday whose week started in the previous month, 30-day window earlier still.
    ['20261101', '20261003'],
  ])('today %s needs days from %s', (today, from) => {
    expect(neededRange(today)).toEqual({ from, to: today });
  });
});

describe('buildBoardsAndViews boards', () => {
  it('builds today, week and month boards over their windows, ranked with ties', () => {
    const { boards } = build();
    expect(boards.map((b) => [b.period, b.window, b.computedAt])).toEqual([
      ['today', { from: TODAY, to: TODAY }, 42],
      ['week', { from: '20261123', to: TODAY }, 42],
      ['month', { from: '20261101', to: TODAY }, 42],
    ]);
    const [today, week, month] = boards;
    // 1002 and 1005 tie at 200 and share 2nd; the next is 4th. Ties sort by name.
    expect(ranks(today!.entries)).toEqual([
      ['1001', 1, 260],
      ['1002', 2, 200],
      ['1005', 2, 200],
      ['1003', 4, 10],
    ]);
    expect(ranks(week!.entries)).toEqual([
      ['1001', 1, 360],
      ['1002', 2, 350],
      ['1003', 3, 310],
      ['1005', 4, 200],
      ['1004', 5, 100],
    ]);
    expect(ranks(month!.entries)).toEqual([
      ['1002', 1, 850],
      ['1003', 2, 410],
      ['1001', 3, 360],
      ['1005', 4, 200],
      ['1004', 5, 100],
    ]);
  });

  it('ignores stored days outside the period (last month, the future)', () => {
    const { boards } = build({
      days: [...DAYS, day('20261031', { '1004': 9_999 }), day('20261125', { '1004': 9_999 })],
    });
    for (const b of boards) expect(b.entries[0]!.points).toBeLessThan(9_999);
  });

  it('without a chosen agent: boards, but no views', () => {
    const { boards, views } = build({ meId: null });
    expect(views).toBeNull();
    expect(boards).toHaveLength(3);
    expect(boards[0]!.entries.map((e) => e.id)).toEqual(['1001', '1002', '1005', '1003']);
  });
});

describe('buildBoardsAndViews views', () => {
  it('gives the agent’s rank, count, figures and distances per period', () => {
    const { views } = build();
    expect(views).not.toBeNull();
    expect(views!.agentId).toBe('1001');
    expect(views!.name).toBe('Ana Gómez');
    expect(views!.computedAt).toBe(42);
    const pick = (v: PeriodView) => [v.rank, v.count, v.gapToNext, v.leadOverNext, v.kpis.points];
    expect(pick(views!.today)).toEqual([1, 4, null, 60, 260]);
    expect(pick(views!.week)).toEqual([1, 5, null, 10, 360]);
    // Month: 410 above (gap 51 to pass it), 200 below.
    expect(pick(views!.month)).toEqual([3, 5, 51, 160, 360]);
    expect(views!.month.kpis).toEqual({ ...ZERO, points: 360, calls: 20, loginSec: 7_200 });
    expect(views!.month.window).toEqual({ from: '20261101', to: TODAY });
  });

  it('includes the agent with zero activity, ranked after everyone active', () => {
    const { views, boards } = build({ meId: '1009' });
    expect(views!.today.rank).toBe(5);
    expect(views!.today.count).toBe(5);
    expect(views!.today.kpis).toEqual(ZERO);
    expect(views!.today.leadOverNext).toBeNull();
    expect(views!.today.gapToNext).toBe(11);
    expect(views!.month.rank).toBe(6);
    expect(boards[0]!.entries.at(-1)).toMatchObject({ id: '1009', rank: 5, points: 0 });
    // No name known: the agent still sees something, their extension.
    expect(views!.name).toBe('1009');
  });

  it('shows the top three and two neighbours each side', () => {
    const { views } = build();
    expect(rows(views!.month.top)).toEqual([
      [1, 'Beto Ruiz', 850, false],
      [2, 'Carla Díaz', 410, false],
      [3, 'Ana Gómez', 360, true],
    ]);
    expect(rows(views!.month.neighbours)).toEqual([
      [1, 'Beto Ruiz', 850, false],
      [2, 'Carla Díaz', 410, false],
      [3, 'Ana Gómez', 360, true],
      [4, 'Eva Luna', 200, false],
      [5, 'Darío Pérez', 100, false],
    ]);
  });

  describe('movement', () => {
    it('week and month: against the rank at yesterday’s close', () => {
      // Close of Mon 23: week 1003 300, 1002 150, 1001 100 = 1004 100 → Ana 3rd, now 1st.
      // Month close (1–23): 1002 650, 1003 400, 1001 100 = 1004 100 → Ana 3rd, now 3rd.
      const { views } = build();
      expect(views!.week.movement).toBe(2);
      expect(views!.month.movement).toBe(0);
    });

    it('a fall is negative', () => {
      const { views } = build({ meId: '1003' });
      // 1003 led the week at Monday's close and is 3rd now.
      expect(views!.week.movement).toBe(-2);
    });

    it('none on the first day of the week or month (no close to compare with)', () => {
      const monday = build({ today: '20261123' }).views!;
      expect(monday.week.movement).toBeNull();
      expect(monday.month.movement).not.toBeNull();
      const first = build({
        today: '20261201',
        days: [day('20261130', { '1001': 5, '1002': 9 }), day('20261201', { '1001': 5 })],
      }).views!;
      expect(first.month.movement).toBeNull();
      // Tue Dec 1: the week started on Mon Nov 30 (Ana 2nd at its close, 1st now).
      expect(first.week.movement).toBe(1);
    });

    it('none while a day of the close was never fetched (a past window failed)', () => {
      // Only today stored: ranking against an empty close would report a bogus fall.
      const onlyToday = build({ days: [ACTIVE[2]!], meId: '1003' }).views!;
      expect(onlyToday.week.rank).toBe(4);
      expect(onlyToday.week.movement).toBeNull();
      expect(onlyToday.month.movement).toBeNull();
      // Week close complete (Mon 23 stored), month close not (Nov 10 missing).
      const partial = build({ days: without('20261110') }).views!;
      expect(partial.week.movement).toBe(2);
      expect(partial.month.movement).toBeNull();
    });

    it('today: against the previous boards of the same day', () => {
      const previousToday: BoardRecord = {
        period: 'today',
        window: { from: TODAY, to: TODAY },
        computedAt: 1,
        entries: [
          { id: '1005', rank: 1 },
          { id: '1002', rank: 2 },
          { id: '1001', rank: 3 },
        ],
      };
      expect(build({ previous: { today: previousToday } }).views!.today.movement).toBe(2);
      // Yesterday's today-board is no baseline after midnight.
      const yesterdays = { ...previousToday, window: { from: '20261123', to: '20261123' } };
      expect(build({ previous: { today: yesterdays } }).views!.today.movement).toBeNull();
      // Not on the previous board: no baseline either.
      const without = { ...previousToday, entries: previousToday.entries.slice(0, 2) };
      expect(build({ previous: { today: without } }).views!.today.movement).toBeNull();
      expect(build().views!.today.movement).toBeNull();
    });
  });

  describe('privacy', () => {
    const names = (v: PeriodView) => [...v.top, ...v.neighbours].map((r) => [r.isMe, r.name]);

    it('full: every name as sent', () => {
      const v = build({ privacy: 'full' }).views!;
      expect(v.privacy).toBe('full');
      expect(names(v.week)).toContainEqual([false, 'Beto Ruiz']);
    });

    it("'own': no one else at all, not even nameless", () => {
      const v = build({ privacy: 'own' }).views!;
      for (const p of [v.today, v.week, v.month]) {
        expect(p.top).toEqual([]);
        expect(p.neighbours).toHaveLength(1);
        expect(p.neighbours[0]).toMatchObject({ isMe: true, name: 'Ana Gómez', rank: p.rank });
      }
      // Own figures still show.
      expect(v.month.rank).toBe(3);
      expect(v.month.kpis.points).toBe(360);
    });

    it("'anonymous': others' names are null, the agent's own is shown", () => {
      const v = build({ privacy: 'anonymous' }).views!;
      for (const p of [v.today, v.week, v.month]) {
        expect(p.neighbours.length + p.top.length).toBeGreaterThan(1);
        for (const [isMe, name] of names(p)) expect(name).toBe(isMe ? 'Ana Gómez' : null);
      }
      expect(v.name).toBe('Ana Gómez');
    });

    it("'initial': first name and the last word's initial", () => {
      const v = build({ privacy: 'initial' }).views!;
      expect(rows(v.month.top)).toEqual([
        [1, 'Beto R.', 850, false],
        [2, 'Carla D.', 410, false],
        [3, 'Ana Gómez', 360, true],
      ]);
      expect(v.month.neighbours.map((r) => r.name)).toContain('Darío P.');
    });

    it.each<PrivacyMode>(['full', 'initial', 'anonymous', 'own'])(
      '%s: the stored boards do not depend on the privacy setting',
      (privacy) => {
        expect(build({ privacy }).boards).toEqual(build().boards);
      },
    );
  });

  describe('sparkline', () => {
    it('30 days oldest first: points, 0 for a fetched day without the agent, null when unfetched', () => {
      const { sparkline } = build({ days: without('20261115') }).views!;
      expect(sparkline).toHaveLength(30);
      expect(sparkline[0]).toEqual({ date: '20261026', points: null });
      expect(sparkline.at(-1)).toEqual({ date: TODAY, points: 260 });
      const byDate = new Map(sparkline.map((s) => [s.date, s.points]));
      expect(byDate.get('20261123')).toBe(100);
      expect(byDate.get('20261102')).toBe(0);
      expect(byDate.get('20261110')).toBe(0);
      expect(byDate.get('20261031')).toBeNull();
      expect(byDate.get('20261115')).toBeNull();
      const unfetched = sparkline.filter((s) => s.points === null).map((s) => s.date);
      expect(unfetched).toEqual([...eachDay({ from: '20261026', to: '20261031' }), '20261115']);
    });

    it('reads the points column of the right agent in a many-agent day', () => {
      const many: Record<string, number> = {};
      for (let i = 0; i < 50; i++) many[String(2000 + i)] = i * 10;
      many['1001'] = 777;
      const { sparkline } = build({ days: [day(TODAY, many)] }).views!;
      expect(sparkline.at(-1)!.points).toBe(777);
    });
  });
});
