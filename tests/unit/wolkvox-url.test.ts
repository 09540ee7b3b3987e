import { describe, expect, it } from 'vitest';
import { agentsKpiUrl, windowQuery, wolkvoxDateTime } from '../../utils/wolkvox/url';

describe('wolkvoxDateTime', () => {
  it.each([
    // Bogotá: UTC−5 all year; the midnight edge on both sides.
    ['2024-03-10T05:00:00Z', 'America/Bogota', '20240310000000'],
    ['2024-03-10T04:59:59Z', 'America/Bogota', '20240309235959'],
    ['2024-12-31T12:34:56Z', 'America/Bogota', '20241231073456'],
    // São Paulo: UTC−3 now, but had DST until 2019 (clocks jumped 00:00 → 01:00 on 2018-11-04).
    ['2024-01-15T12:00:00Z', 'America/Sao_Paulo', '20240115090000'],
    ['2019-01-15T12:00:00Z', 'America/Sao_Paulo', '20190115100000'],
    ['2018-11-04T02:59:59Z', 'America/Sao_Paulo', '20181103235959'],
    ['2018-11-04T03:00:00Z', 'America/Sao_Paulo', '20181104010000'],
    // Mexico City: UTC−6 since DST was abolished in 2022; UTC−5 in the summer before.
    ['2024-06-15T06:00:00Z', 'America/Mexico_City', '20240615000000'],
    ['2022-06-15T12:00:00Z', 'America/Mexico_City', '20220615070000'],
    // Santiago: UTC−3 in summer, UTC−4 in winter; both transitions happen at local midnight.
    ['2024-01-15T12:00:00Z', 'America/Santiago', '20240115090000'],
    ['2024-07-15T12:00:00Z', 'America/Santiago', '20240715080000'],
    ['2024-09-08T03:59:59Z', 'America/Santiago', '20240907235959'],
    ['2024-09-08T04:00:00Z', 'America/Santiago', '20240908010000'],
    ['2024-04-07T02:59:59Z', 'America/Santiago', '20240406235959'],
    ['2024-04-07T03:00:00Z', 'America/Santiago', '20240406230000'],
    ['2024-12-31T23:59:59Z', 'UTC', '20241231235959'],
  ])('%s in %s → %s', (iso, zone, expected) => {
    expect(wolkvoxDateTime(new Date(iso), zone)).toBe(expected);
    expect(wolkvoxDateTime(Date.parse(iso), zone)).toBe(expected);
  });

  it('throws on an unknown time zone', () => {
    expect(() => wolkvoxDateTime(0, 'Not/AZone')).toThrow(RangeError);
  });
});

describe('windowQuery', () => {
  // 2024-03-15 14:07:09 in Bogotá.
  const now = Date.parse('2024-03-15T19:07:09Z');

  it.each([
    ['a past window', { from: '20240201', to: '20240229' }, '20240201000000', '20240229235959'],
    [
      'a window ending yesterday',
      { from: '20240301', to: '20240314' },
      '20240301000000',
      '20240314235959',
    ],
    [
      'a window ending today',
      { from: '20240301', to: '20240315' },
      '20240301000000',
      '20240315140709',
    ],
    ['today alone', { from: '20240315', to: '20240315' }, '20240315000000', '20240315140709'],
    [
      'a window ending after today',
      { from: '20240310', to: '20240320' },
      '20240310000000',
      '20240315140709',
    ],
  ])('%s', (_label, window, dateIni, dateEnd) => {
    expect(windowQuery(window, now, 'America/Bogota')).toEqual({ dateIni, dateEnd });
  });

  it('decides "today" in the operation zone, not UTC', () => {
    // 2024-03-16 02:00 UTC is still 2024-03-15 in Bogotá, so the 15th is today there.
    const late = Date.parse('2024-03-16T02:00:00Z');
    expect(windowQuery({ from: '20240315', to: '20240315' }, late, 'America/Bogota')).toEqual({
      dateIni: '20240315000000',
      dateEnd: '20240315210000',
    });
    expect(windowQuery({ from: '20240315', to: '20240315' }, late, 'UTC').dateEnd).toBe(
      '20240315235959',
    );
  });

  it.each([
    { from: '2024-03-01', to: '20240315' },
    { from: '20240301', to: '' },
  ])('refuses a window that is not YYYYMMDD: %j', (window) => {
    expect(() => windowQuery(window, now, 'America/Bogota')).toThrow(RangeError);
  });
});

describe('agentsKpiUrl', () => {
  it('builds the documented request URL', () => {
    expect(
      agentsKpiUrl('https://wv0032.wolkvox.com', {
        dateIni: '20240301000000',
        dateEnd: '20240315140709',
      }),
    ).toBe(
      'https://wv0032.wolkvox.com/api/v2/gamification.php?api=agents_kpi&date_ini=20240301000000&date_end=20240315140709',
    );
  });

  it('refuses dates that are not 14 digits', () => {
    expect(() =>
      agentsKpiUrl('https://wv0032.wolkvox.com', {
        dateIni: '2024&x=1',
        dateEnd: '20240315140709',
      }),
    ).toThrow(RangeError);
  });
});
