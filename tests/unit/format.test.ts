import { describe, expect, it } from 'vitest';
import {
  adjacentRanks,
  formatHourMin,
  formatMinSec,
  formatNumber,
  formatPercent,
  isStale,
  mergeBoard,
  movementText,
  relativeTime,
} from '../../utils/format';
import type { BoardRow, PeriodView } from '../../utils/views';

describe('durations', () => {
  it.each([
    [0, '00:00'],
    [361, '06:01'],
    [59.6, '01:00'],
    [3599, '59:59'],
    [3723, '1:02:03'],
    [-5, '00:00'],
  ])('formatMinSec(%s) is %s', (sec, text) => expect(formatMinSec(sec)).toBe(text));

  it.each([
    [0, '0:00'],
    [2040, '0:34'],
    [25_500, '7:05'],
    [25_559, '7:05'],
    [36_000 * 3, '30:00'],
  ])('formatHourMin(%s) is %s', (sec, text) => expect(formatHourMin(sec)).toBe(text));
});

describe('numbers', () => {
  it('groups four-digit points in Spanish and English', () => {
    expect(formatNumber(1234, 'es')).toBe('1.234');
    expect(formatNumber(1234, 'en-US')).toBe('1,234');
    expect(formatNumber(987, 'es')).toBe('987');
  });
  it('writes occupancy as the locale writes percentages', () => {
    expect(formatPercent(35, 'en')).toBe('35%');
    expect(formatPercent(35, 'es').replace(/\s/g, ' ')).toBe('35 %');
  });
});

describe('movementText', () => {
  it.each([
    [2, '▲2'],
    [-1, '▼1'],
    [0, '='],
    [null, ''],
  ])('movement %s reads %s', (m, text) => expect(movementText(m)).toBe(text));
});

describe('relative time', () => {
  const now = Date.UTC(2025, 2, 14, 15, 0);
  it('says how long ago in the UI language', () => {
    expect(relativeTime(now - 3 * 60_000, now, 'es')).toBe('hace 3 minutos');
    expect(relativeTime(now - 3 * 60_000, now, 'en-US')).toBe('3 minutes ago');
    expect(relativeTime(now - 2 * 3_600_000, now, 'es-419')).toBe('hace alrededor de 2 horas');
  });
  it('flags figures older than three intervals as stale', () => {
    expect(isStale(now - 15 * 60_000, now, 5)).toBe(false);
    expect(isStale(now - 15 * 60_000 - 1, now, 5)).toBe(true);
    expect(isStale(now - 60 * 60_000, now, 30)).toBe(false);
  });
});

const row = (rank: number, points: number, isMe = false, name: string | null = `A${rank}`) =>
  ({ rank, points, name, isMe }) satisfies BoardRow;

describe('mergeBoard', () => {
  const top = [row(1, 900), row(2, 800), row(3, 700)];
  it('drops the rows the top and the neighbours share', () => {
    const neighbours = [row(2, 800), row(3, 700), row(4, 600, true), row(5, 500), row(6, 400)];
    expect(mergeBoard(top, neighbours).map((l) => (l === 'gap' ? 'gap' : l.rank))).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
  });
  it('joins contiguous lists without a gap', () => {
    const neighbours = [row(4, 650), row(5, 600), row(6, 500, true)];
    expect(mergeBoard(top, neighbours)).toHaveLength(6);
  });
  it('marks the places left out', () => {
    const neighbours = [row(10, 300), row(11, 290), row(12, 280, true)];
    expect(mergeBoard(top, neighbours)[3]).toBe('gap');
  });
  it('keeps one of each when the agent leads', () => {
    const neighbours = [row(1, 900, true), row(2, 800), row(3, 700)];
    const mine = [row(1, 900, true), row(2, 800), row(3, 700)];
    expect(mergeBoard(mine, neighbours)).toEqual(mine);
  });
  it('shows only the agent under "own figures only"', () => {
    expect(mergeBoard([], [row(7, 100, true)])).toEqual([row(7, 100, true)]);
  });
});

describe('adjacentRanks', () => {
  const view = (rank: number, points: number, neighbours: BoardRow[]) =>
    ({ rank, kpis: { points }, neighbours }) as unknown as PeriodView;
  it('reads tied ranks off the neighbours', () => {
    const v = view(4, 500, [row(2, 600), row(2, 600), row(4, 500, true), row(5, 400)]);
    expect(adjacentRanks(v)).toEqual({ above: 2, below: 5 });
  });
  it('falls back to one place up and down', () => {
    expect(adjacentRanks(view(4, 500, [row(4, 500, true)]))).toEqual({ above: 3, below: 5 });
  });
});
