import { describe, expect, it } from 'vitest';
import {
  addDays,
  closeWindow,
  dayKeyOf,
  daysBetween,
  eachDay,
  firstOfMonth,
  isValidDayKey,
  lastDays,
  mondayOf,
  nextMidnight,
  periodWindow,
  startOfDayInstant,
} from '../../utils/periods';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('calendar arithmetic', () => {
  it.each([
    ['20260131', 1, '20260201'], // 31st → 1st
    ['20260430', 1, '20260501'],
    ['20260228', 1, '20260301'], // non-leap February
    ['20240228', 1, '20240229'], // leap February
    ['20240229', 1, '20240301'],
    ['21000228', 1, '21000301'], // century, not leap
    ['20000228', 1, '20000229'], // 400-year, leap
    ['20261231', 1, '20270101'], // year end
    ['20270101', -1, '20261231'],
    ['20240301', -1, '20240229'],
    ['20260315', 0, '20260315'],
    ['20260101', 365, '20270101'],
  ])('addDays(%s, %i) = %s', (key, n, expected) => {
    expect(addDays(key, n)).toBe(expected);
  });

  it.each([
    ['20260101', '20261231', 364],
    ['20240101', '20241231', 365],
    ['20260310', '20260301', -9],
    ['20260228', '20260301', 1],
    ['20240228', '20240301', 2],
    ['20260315', '20260315', 0],
  ])('daysBetween(%s, %s) = %i', (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });

  it.each([
    ['20240229', true],
    ['20261231', true],
    ['20260229', false],
    ['21000229', false],
    ['20261301', false],
    ['20260000', false],
    ['20260431', false],
    ['2026-03-01', false],
    ['202603011', false],
    [' 20260301', false],
    ['', false],
  ])('isValidDayKey(%j) = %s', (key, expected) => {
    expect(isValidDayKey(key)).toBe(expected);
  });

  it.each([
    ['20261129', '20261123'], // Sunday belongs to the week that began on Monday
    ['20261123', '20261123'], // Monday is its own week start
    ['20260301', '20260223'], // week crossing months
    ['20260101', '20251229'], // week crossing years
    ['20270103', '20261228'],
    ['20240302', '20240226'], // across a leap day
  ])('mondayOf(%s) = %s', (key, expected) => {
    expect(mondayOf(key)).toBe(expected);
  });

  it.each([
    ['20260131', '20260101'],
    ['20240229', '20240201'],
    ['20261201', '20261201'],
  ])('firstOfMonth(%s) = %s', (key, expected) => {
    expect(firstOfMonth(key)).toBe(expected);
  });

  it('eachDay lists both ends and crosses a leap February', () => {
    expect(eachDay({ from: '20240227', to: '20240302' })).toEqual([
      '20240227',
      '20240228',
      '20240229',
      '20240301',
      '20240302',
    ]);
    expect(eachDay({ from: '20261231', to: '20261231' })).toEqual(['20261231']);
    expect(eachDay({ from: '20260302', to: '20260301' })).toEqual([]);
  });

  it('lastDays gives the n days ending today, oldest first', () => {
    const days = lastDays('20260305', 30);
    expect(days).toHaveLength(30);
    expect(days[0]).toBe('20260204');
    expect(days[29]).toBe('20260305');
    expect(lastDays('20260305', 1)).toEqual(['20260305']);
    expect(lastDays('20260305', 0)).toEqual([]);
  });

  it('rejects what is not a day or a whole number of days', () => {
    expect(() => addDays('20260230', 1)).toThrow(RangeError);
    expect(() => addDays('20260301', 0.5)).toThrow(RangeError);
    expect(() => mondayOf('garbage')).toThrow(RangeError);
    expect(() => firstOfMonth('20261301')).toThrow(RangeError);
    expect(() => periodWindow('today', '2026031')).toThrow(RangeError);
  });
});

describe('periods', () => {
  it.each([
    ['today', '20261129', { from: '20261129', to: '20261129' }],
    ['week', '20261129', { from: '20261123', to: '20261129' }],
    ['week', '20261123', { from: '20261123', to: '20261123' }],
    ['week', '20260101', { from: '20251229', to: '20260101' }],
    ['month', '20260315', { from: '20260301', to: '20260315' }],
    ['month', '20260301', { from: '20260301', to: '20260301' }],
  ] as const)('periodWindow(%s, %s)', (kind, today, expected) => {
    expect(periodWindow(kind, today)).toEqual(expected);
  });

  it.each([
    ['today', '20260315', null],
    ['week', '20261123', null], // Monday: the week has no closed day yet
    ['week', '20261129', { from: '20261123', to: '20261128' }],
    ['week', '20260101', { from: '20251229', to: '20251231' }],
    ['month', '20260301', null],
    ['month', '20240301', null],
    ['month', '20260315', { from: '20260301', to: '20260314' }],
    ['month', '20240229', { from: '20240201', to: '20240228' }],
  ] as const)('closeWindow(%s, %s)', (kind, today, expected) => {
    expect(closeWindow(kind, today)).toEqual(expected);
  });
});

describe('time zones', () => {
  it.each([
    // Already tomorrow in UTC, still today in the operation.
    ['2026-03-11T02:30:00Z', 'America/Bogota', '20260310'],
    ['2026-03-11T04:59:59Z', 'America/Bogota', '20260310'],
    ['2026-03-11T05:00:00Z', 'America/Bogota', '20260311'],
    ['2026-07-01T05:59:59Z', 'America/Mexico_City', '20260630'],
    ['2026-07-01T06:00:00Z', 'America/Mexico_City', '20260701'],
    ['2027-01-01T02:00:00Z', 'America/Sao_Paulo', '20261231'],
    ['2026-01-01T02:59:59Z', 'America/Santiago', '20251231'], // summer: UTC−3
    ['2026-07-01T03:59:59Z', 'America/Santiago', '20260630'], // winter: UTC−4
    ['2026-09-06T03:59:59Z', 'America/Santiago', '20260905'], // last second before DST
    ['2026-09-06T04:00:00Z', 'America/Santiago', '20260906'], // 01:00, midnight was skipped
    ['2026-03-11T02:30:00Z', 'UTC', '20260311'],
  ])('dayKeyOf(%s, %s) = %s', (iso, zone, expected) => {
    expect(dayKeyOf(at(iso), zone)).toBe(expected);
  });

  it('dayKeyOf accepts a Date as well as epoch ms', () => {
    expect(dayKeyOf(new Date('2026-03-11T02:30:00Z'), 'America/Bogota')).toBe('20260310');
  });

  it.each([
    ['20260310', 'America/Bogota', '2026-03-10T05:00:00Z'],
    ['20260630', 'America/Mexico_City', '2026-06-30T06:00:00Z'],
    ['20261231', 'America/Sao_Paulo', '2026-12-31T03:00:00Z'],
    ['20181104', 'America/Sao_Paulo', '2018-11-04T03:00:00Z'], // Brazil's 2018 DST skipped midnight
    ['20260404', 'America/Santiago', '2026-04-04T03:00:00Z'],
    ['20260405', 'America/Santiago', '2026-04-05T04:00:00Z'], // DST ended at the day's start
    ['20260906', 'America/Santiago', '2026-09-06T04:00:00Z'], // starts at 01:00 local
    ['20260907', 'America/Santiago', '2026-09-07T03:00:00Z'],
    // Havana's DST ends at 01:00, back to 00:00: the day starts at its first midnight, −04.
    ['20261101', 'America/Havana', '2026-11-01T04:00:00Z'],
    ['20261102', 'America/Havana', '2026-11-02T05:00:00Z'],
  ])('startOfDayInstant(%s, %s) = %s', (key, zone, iso) => {
    expect(startOfDayInstant(key, zone)).toBe(at(iso));
  });

  it('finds the same midnights whatever zone the browser itself is in', () => {
    const own = process.env.TZ;
    try {
      // The browser's zone, and its offset in January (minutes behind UTC), to show it took.
      for (const [tz, offset] of [
        ['America/Bogota', 300],
        ['UTC', 0],
        ['Asia/Tokyo', -540],
        ['America/Havana', 300],
      ] as const) {
        process.env.TZ = tz;
        expect(new Date(2026, 0, 1).getTimezoneOffset(), tz).toBe(offset);
        expect(startOfDayInstant('20261101', 'America/Havana'), tz).toBe(
          at('2026-11-01T04:00:00Z'),
        );
        expect(startOfDayInstant('20260405', 'America/Santiago'), tz).toBe(
          at('2026-04-05T04:00:00Z'),
        );
      }
    } finally {
      if (own === undefined) delete process.env.TZ;
      else process.env.TZ = own;
    }
  });

  it("Santiago's DST change days are 25 and 23 hours long", () => {
    const length = (key: string) =>
      startOfDayInstant(addDays(key, 1), 'America/Santiago') -
      startOfDayInstant(key, 'America/Santiago');
    expect(length('20260404')).toBe(25 * HOUR); // the 23:00 hour is lived twice
    expect(length('20260906')).toBe(23 * HOUR);
    expect(length('20260907')).toBe(24 * HOUR);
  });

  it.each([
    ['2026-03-10T20:00:00Z', 'America/Bogota', '2026-03-11T05:00:00Z'],
    ['2026-03-11T02:30:00Z', 'America/Bogota', '2026-03-11T05:00:00Z'], // UTC is already tomorrow
    ['2026-03-11T05:00:00Z', 'America/Bogota', '2026-03-12T05:00:00Z'], // at midnight: the next one
    ['2026-12-31T12:00:00Z', 'America/Mexico_City', '2027-01-01T06:00:00Z'],
    ['2026-02-28T12:00:00Z', 'America/Sao_Paulo', '2026-03-01T03:00:00Z'],
    // Santiago, April: Saturday 23:30 happens twice; either way midnight is 00:00 −04.
    ['2026-04-05T02:30:00Z', 'America/Santiago', '2026-04-05T04:00:00Z'],
    ['2026-04-05T03:30:00Z', 'America/Santiago', '2026-04-05T04:00:00Z'],
    // Santiago, September: Sunday has no 00:00, so the day starts at 01:00 −03.
    ['2026-09-05T12:00:00Z', 'America/Santiago', '2026-09-06T04:00:00Z'],
    ['2026-09-06T04:00:00Z', 'America/Santiago', '2026-09-07T03:00:00Z'],
  ])('nextMidnight(%s, %s) = %s', (iso, zone, expected) => {
    expect(nextMidnight(at(iso), zone)).toBe(at(expected));
  });

  it('rejects an unknown time zone', () => {
    expect(() => dayKeyOf(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => startOfDayInstant('20260310', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
