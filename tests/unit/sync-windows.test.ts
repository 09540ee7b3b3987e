import { describe, expect, it } from 'vitest';
import type { DayKey, DayWindow } from '../../utils/model';
import { addDays, daysBetween, eachDay } from '../../utils/periods';
import {
  halvedCap,
  MAX_DAYS,
  MAX_RECORDS,
  maxDaysPerQuery,
  planPastWindows,
  splitRange,
} from '../../utils/sync/windows';

const span = (w: DayWindow) => daysBetween(w.from, w.to) + 1;
const covered = (windows: DayWindow[]) => windows.flatMap((w) => eachDay(w)).sort();

describe('maxDaysPerQuery', () => {
  // The implementation keeps a 10 % margin for agents added since the count was learned.
  it.each([
    [null, 31],
    [0, 31],
    [1, 31],
    [60, 31],
    [1_935, 28],
    [3_000, 18],
    [60_001, 1],
  ])('%s agents → %i days', (agents, days) => {
    expect(maxDaysPerQuery(agents)).toBe(days);
  });

  it.each([1, 60, 1_000, 1_935, 1_936, 2_000, 3_000, 5_454, 5_455, 30_000, 54_545])(
    'never lets %i agents ask more than 31 days or 60,000 records',
    (agents) => {
      const days = maxDaysPerQuery(agents);
      expect(days).toBeGreaterThanOrEqual(1);
      expect(days).toBeLessThanOrEqual(MAX_DAYS);
      expect(days * agents).toBeLessThanOrEqual(MAX_RECORDS);
      // …and even with 10 % more agents than were counted.
      expect(days * Math.ceil(agents * 1.1)).toBeLessThanOrEqual(MAX_RECORDS);
    },
  );

  it('still asks one day at a time when even one day is over the record limit', () => {
    expect(maxDaysPerQuery(200_000)).toBe(1);
  });
});

describe('splitRange', () => {
  it('keeps a short range whole', () => {
    expect(splitRange({ from: '20261101', to: '20261110' }, 31)).toEqual([
      { from: '20261101', to: '20261110' },
    ]);
  });

  it('cuts a long range into consecutive windows, oldest first, the last one shorter', () => {
    expect(splitRange({ from: '20261026', to: '20261123' }, 18)).toEqual([
      { from: '20261026', to: '20261112' },
      { from: '20261113', to: '20261123' },
    ]);
  });

  it('crosses month and year ends by calendar', () => {
    expect(splitRange({ from: '20261225', to: '20270105' }, 5)).toEqual([
      { from: '20261225', to: '20261229' },
      { from: '20261230', to: '20270103' },
      { from: '20270104', to: '20270105' },
    ]);
  });

  it('one day per window at maxDays 1', () => {
    expect(splitRange({ from: '20260228', to: '20260302' }, 1)).toEqual([
      { from: '20260228', to: '20260228' },
      { from: '20260301', to: '20260301' },
      { from: '20260302', to: '20260302' },
    ]);
  });

  it('a single day is one window; an inverted range is none', () => {
    expect(splitRange({ from: '20261124', to: '20261124' }, 31)).toEqual([
      { from: '20261124', to: '20261124' },
    ]);
    expect(splitRange({ from: '20261124', to: '20261123' }, 31)).toEqual([]);
  });

  it.each([1, 2, 7, 18, 28, 31])('covers 92 days exactly, without overlap, at %i days', (max) => {
    const range = { from: '20260901', to: addDays('20260901', 91) };
    const windows = splitRange(range, max);
    for (const w of windows) expect(span(w)).toBeLessThanOrEqual(max);
    expect(covered(windows)).toEqual(eachDay(range));
  });
});

describe('planPastWindows', () => {
  const TODAY = '20261124';
  const never = () => false;
  const finals = (days: DayKey[]) => {
    const set = new Set(days);
    return (d: DayKey) => set.has(d);
  };

  it('asks nothing when the needed range starts today', () => {
    expect(planPastWindows(TODAY, TODAY, never, 10)).toEqual([]);
  });

  it('first sync, small operation: every past day in one window', () => {
    expect(planPastWindows(TODAY, '20261026', never, 10)).toEqual([
      { from: '20261026', to: '20261123' },
    ]);
  });

  it('first sync, 3,000 agents: split to stay under 60,000 records, newest first', () => {
    const windows = planPastWindows(TODAY, '20261026', never, 3_000);
    expect(windows).toEqual([
      { from: '20261113', to: '20261123' },
      { from: '20261026', to: '20261112' },
    ]);
    for (const w of windows) expect(span(w) * 3_000).toBeLessThanOrEqual(MAX_RECORDS);
  });

  it('an unknown agent count still respects 31 days', () => {
    const windows = planPastWindows(TODAY, '20260901', never, null);
    for (const w of windows) expect(span(w)).toBeLessThanOrEqual(MAX_DAYS);
    expect(covered(windows)).toEqual(eachDay({ from: '20260901', to: '20261123' }));
    expect(windows[0]!.to).toBe('20261123');
  });

  it('never asks today (the caller asks it first) nor a final day', () => {
    const done = eachDay({ from: '20261026', to: '20261122' });
    expect(planPastWindows(TODAY, '20261026', finals(done), 3_000)).toEqual([
      { from: '20261123', to: '20261123' },
    ]);
  });

  it('asks nothing when every past day is final', () => {
    const done = eachDay({ from: '20261026', to: '20261123' });
    expect(planPastWindows(TODAY, '20261026', finals(done), 3_000)).toEqual([]);
  });

  it('fills holes separately, newest first, without re-asking the final days between them', () => {
    const done = eachDay({ from: '20261026', to: '20261123' }).filter(
      (d) => !['20261030', '20261031', '20261101', '20261110', '20261123'].includes(d),
    );
    expect(planPastWindows(TODAY, '20261026', finals(done), 3_000)).toEqual([
      { from: '20261123', to: '20261123' },
      { from: '20261110', to: '20261110' },
      { from: '20261030', to: '20261101' },
    ]);
  });

  it('splits a long hole and keeps newest-first order across holes', () => {
    // Final: 20261101–20261105 only. Two runs: 20261026–20261031 (6 days), 20261106–20261123 (18).
    const done = eachDay({ from: '20261101', to: '20261105' });
    const windows = planPastWindows(TODAY, '20261026', finals(done), 5_000); // 10 days at most
    expect(maxDaysPerQuery(5_000)).toBe(10);
    expect(windows).toEqual([
      { from: '20261116', to: '20261123' },
      { from: '20261106', to: '20261115' },
      { from: '20261026', to: '20261031' },
    ]);
  });
});

describe('smaller past windows after a failure', () => {
  const TODAY = '20261124';
  const never = () => false;

  it('a cap shortens the windows below the record limit, newest first', () => {
    const windows = planPastWindows(TODAY, '20261026', never, 3_000, 5);
    for (const w of windows) expect(span(w)).toBeLessThanOrEqual(5);
    expect(windows[0]).toEqual({ from: '20261120', to: '20261123' });
    expect(covered(windows)).toEqual(eachDay({ from: '20261026', to: '20261123' }));
  });

  it('a cap never lifts the 31-day and 60,000-record limits', () => {
    for (const [agents, cap] of [
      [3_000, 31],
      [3_000, 100],
      [40, 60],
    ] as const) {
      const windows = planPastWindows(TODAY, '20260901', never, agents, cap);
      for (const w of windows) {
        expect(span(w)).toBeLessThanOrEqual(Math.min(MAX_DAYS, maxDaysPerQuery(agents)));
        expect(span(w) * agents).toBeLessThanOrEqual(MAX_RECORDS);
      }
    }
  });

  it('a cap under one day still asks one day at a time; none is no cap', () => {
    expect(planPastWindows(TODAY, '20261121', never, 40, 0)).toEqual([
      { from: '20261123', to: '20261123' },
      { from: '20261122', to: '20261122' },
      { from: '20261121', to: '20261121' },
    ]);
    expect(planPastWindows(TODAY, '20261026', never, 3_000, null)).toEqual(
      planPastWindows(TODAY, '20261026', never, 3_000),
    );
  });

  it.each([
    [18, 9],
    [11, 5],
    [3, 1],
    [2, 1],
    [1, 1],
  ])('a failed window of %i days caps the next at %i', (days, cap) => {
    expect(halvedCap({ from: '20261101', to: addDays('20261101', days - 1) })).toBe(cap);
  });
});
