import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, hhmmss, historyCsv } from '../../utils/csv';
import type { HistoryDay } from '../../utils/history';

describe('csvCell', () => {
  it.each<[string | number, string]>([
    ['plain', 'plain'],
    [42, '42'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\rhere', '"cr\rhere"'],
    // Formula injection: text a spreadsheet would run is defused with a leading apostrophe.
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['@SUM(1)', "'@SUM(1)"],
    ['\tTAB', "'\tTAB"],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    // Numbers stay numbers, signs and all.
    [-5, '-5'],
    ['-12.5', '-12.5'],
    ['+7', "'+7"],
  ])('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('hhmmss', () => {
  it.each([
    [0, '00:00:00'],
    [361, '00:06:01'],
    [25_199.6, '07:00:00'],
    [360_000, '100:00:00'],
  ])('%d s → %s', (sec, text) => expect(hhmmss(sec)).toBe(text));
});

const day = (date: string, points: number, rank: number): HistoryDay => ({
  date,
  points,
  hits: 3,
  calls: 20,
  ahtSec: 361,
  acwSec: 13,
  occupancy: 35.4,
  loginSec: 25_200,
  rank,
  count: 57,
});

describe('historyCsv', () => {
  it('writes a header and one row per day, oldest first, CRLF line ends', () => {
    const csv = historyCsv([day('20261102', 500, 1), day('20261101', 428, 3)]);
    expect(csv).toBe(
      'date,points,hits,calls,aht,acw,occupancy,login_time,rank,agents\r\n' +
        '2026-11-01,428,3,20,00:06:01,00:00:13,35,07:00:00,3,57\r\n' +
        '2026-11-02,500,3,20,00:06:01,00:00:13,35,07:00:00,1,57\r\n',
    );
  });

  it('writes only the header when there are no days', () => {
    expect(historyCsv([]).split('\r\n')).toEqual([
      'date,points,hits,calls,aht,acw,occupancy,login_time,rank,agents',
      '',
    ]);
  });
});

describe('csvFileName', () => {
  it('names the agent and the first and last day', () => {
    const days = [day('20261102', 1, 1), day('20261015', 1, 1)];
    expect(csvFileName('1234', days)).toBe('podio-1234-20261015-20261102.csv');
  });

  it('keeps a hostile agent id out of the path', () => {
    expect(csvFileName('../x y', [day('20261101', 1, 1)])).toBe(
      'podio-___x_y-20261101-20261101.csv',
    );
  });
});
