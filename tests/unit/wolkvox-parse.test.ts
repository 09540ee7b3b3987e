import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AgentDay, DayWindow, SkipCounts } from '../../utils/model';
import { WolkvoxError } from '../../utils/wolkvox/errors';
import { rowsOf } from '../../utils/day-records';
import { parseAgentsKpi } from '../../utils/wolkvox/parse';

// Through a variable: Vite rewrites a literal `new URL(…, import.meta.url)` into an asset import,
// and the shared fixtures live outside the repo (CI clones ../shared beside it).
const here = import.meta.url;
const fixture = (name: string) =>
  readFileSync(new URL(`../../../shared/fixtures/${name}`, here), 'utf8');

const JANUARY: DayWindow = { from: '20230101', to: '20230131' };
const NO_SKIPS: SkipCounts = {
  badNumber: 0,
  badFigure: 0,
  badDate: 0,
  outsideWindow: 0,
  duplicateAgent: 0,
  duplicateDay: 0,
  badAgent: 0,
};

const goodStat = (date: string, over: Record<string, unknown> = {}) => ({
  date,
  points: '428',
  hits: '1',
  calls: '2',
  aht_time: '00:06:01',
  acw_time: '00:00:13',
  occupancy: '35 %',
  login_time: '00:34:00',
  ...over,
});
const agent = (id: unknown, stats: unknown, extra: Record<string, unknown> = {}) => ({
  agent_id: id,
  agent_name: `Agent ${String(id)}`,
  agent_dni: '1111222233',
  stats,
  ...extra,
});
const answer = (data: unknown, code: unknown = '200') =>
  JSON.stringify({ code, error: null, msg: 'x records were found', data });

function expectMalformed(text: string) {
  let caught: unknown;
  try {
    parseAgentsKpi(text, JANUARY);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(WolkvoxError);
  expect((caught as WolkvoxError).kind).toBe('malformed');
}

describe('parseAgentsKpi on the documentation sample', () => {
  const result = parseAgentsKpi(fixture('agents_kpi_doc_sample.json'), JANUARY);
  const day = (date: string) =>
    rowsOf(result.days).find((r) => r.agentId === '12999' && r.date === date);

  it('keeps the agent and all 29 of its days, skipping nothing', () => {
    expect(result.agents).toEqual([{ id: '12999', name: 'Menphy Halland' }]);
    expect(rowsOf(result.days)).toHaveLength(29);
    expect(result.skipped).toEqual(NO_SKIPS);
  });

  it.each<[string, Omit<AgentDay, 'agentId' | 'date'>]>([
    [
      '20230123',
      { points: 428, hits: 0, calls: 2, ahtSec: 361, acwSec: 13, occupancy: 35, loginSec: 2040 },
    ],
    [
      '20230105',
      { points: 766, hits: 0, calls: 2, ahtSec: 41, acwSec: 8, occupancy: 2, loginSec: 5040 },
    ],
    [
      '20230111',
      { points: 0, hits: 0, calls: 0, ahtSec: 0, acwSec: 0, occupancy: 0, loginSec: 120 },
    ],
  ])('reads agent 12999 on %s', (date, kpis) => {
    expect(day(date)).toEqual({ agentId: '12999', date, ...kpis });
  });

  it('has no row for 20230104, which the sample skips', () => {
    expect(day('20230104')).toBeUndefined();
  });

  it('drops agent_dni entirely', () => {
    const json = JSON.stringify(result);
    expect(json).not.toContain('9274658220');
    expect(json).not.toMatch(/dni/i);
    expect(Object.keys(result.agents[0]!)).toEqual(['id', 'name']);
  });

  it('counts the days outside a narrower window', () => {
    const early = parseAgentsKpi(fixture('agents_kpi_doc_sample.json'), {
      from: '20230101',
      to: '20230110',
    });
    // Stored day by day, oldest first (wolkvox sends them newest first).
    expect(rowsOf(early.days).map((r) => r.date)).toEqual([
      '20230101',
      '20230102',
      '20230103',
      '20230105',
      '20230106',
      '20230107',
      '20230108',
      '20230109',
      '20230110',
    ]);
    expect(early.skipped).toEqual({ ...NO_SKIPS, outsideWindow: 20 });
  });
});

describe('parseAgentsKpi envelope', () => {
  it('accepts code as the number 200', () => {
    const result = parseAgentsKpi(answer([agent('7', [goodStat('20230102')])], 200), JANUARY);
    expect(rowsOf(result.days)).toHaveLength(1);
  });

  it('accepts an empty data array', () => {
    expect(parseAgentsKpi(answer([]), JANUARY)).toEqual({
      agents: [],
      days: [],
      skipped: NO_SKIPS,
      refused: [],
    });
  });

  it.each([
    ['empty text', ''],
    ['HTML', '<!DOCTYPE html><html><body>Maintenance</body></html>'],
    ['truncated JSON', answer([agent('7', [goodStat('20230102')])]).slice(0, 80)],
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"200"'],
    ['code 403', answer([], '403')],
    ['code "200 "', answer([], '200 ')],
    ['no code', JSON.stringify({ data: [] })],
    ['data null', answer(null)],
    ['data an object', answer({})],
    ['no data', JSON.stringify({ code: '200', error: null, msg: '' })],
  ])('refuses %s as malformed', (_label, text) => {
    expectMalformed(text);
  });

  it('does not echo the answer in the error message', () => {
    const full = answer([agent('7', [goodStat('20230102')])]);
    const text = full.slice(0, full.indexOf('1111222233') + 12);
    expect(() => parseAgentsKpi(text, JANUARY)).toThrow(WolkvoxError);
    expect(() => parseAgentsKpi(text, JANUARY)).not.toThrow(/1111222233/);
  });
});

describe('parseAgentsKpi fields', () => {
  const one = (over: Record<string, unknown>) =>
    parseAgentsKpi(answer([agent('7', [goodStat('20230102', over)])]), JANUARY);

  it.each<[string, unknown, number]>([
    ['points', '0', 0],
    ['points', '000123', 123],
    ['points', 123, 123],
    ['points', '999999999999999', 999999999999999],
    ['points', ' 1', 1],
    ['calls', '42', 42],
    ['aht_time', '00:00:00', 0],
    ['aht_time', '01:02:03', 3723],
    ['login_time', '27:00:00', 97200],
    ['login_time', '123:59:59', 123 * 3600 + 59 * 60 + 59],
    ['login_time', '1:00:00', 3600],
    ['occupancy', '35 %', 35],
    ['occupancy', '35%', 35],
    ['occupancy', '35.5 %', 35.5],
    ['occupancy', '35,5 %', 35.5],
    ['occupancy', '100 %', 100],
    ['occupancy', '0 %', 0],
    ['occupancy', '35', 35],
    ['occupancy', 35.5, 35.5],
  ])('reads %s %j as %s', (field, value, expected) => {
    const key = {
      points: 'points',
      calls: 'calls',
      aht_time: 'ahtSec',
      login_time: 'loginSec',
      occupancy: 'occupancy',
    }[field] as keyof AgentDay;
    const result = one({ [field]: value });
    expect(result.skipped).toEqual(NO_SKIPS);
    expect(rowsOf(result.days)[0]![key]).toBe(expected);
  });

  it.each<unknown>([
    '12a',
    '',
    '-1',
    '+1',
    '1.5',
    '1e3',
    '9999999999999999',
    -1,
    1.5,
    null,
    true,
    undefined,
  ])('refuses a row whose points are %j, as badNumber', (value) => {
    const result = one({ points: value });
    expect(result.days).toEqual([]);
    expect(result.skipped).toEqual({ ...NO_SKIPS, badNumber: 1 });
    // Named, so the figures stored for that agent-day are kept rather than wiped.
    expect(result.refused).toEqual([{ agentId: '7', date: '20230102' }]);
  });

  it.each<[string, unknown]>([
    ['hits', 'x'],
    ['calls', {}],
    ['aht_time', '00:60:00'],
    ['aht_time', '00:00:60'],
    ['aht_time', '0:0:0'],
    ['aht_time', '0:00'],
    ['aht_time', '00:00'],
    ['aht_time', ':00:00'],
    ['aht_time', '-1:00:00'],
    ['acw_time', '00-00-00'],
    ['acw_time', 13],
    ['login_time', ''],
    ['occupancy', '101 %'],
    ['occupancy', '-5 %'],
    ['occupancy', '%'],
    ['occupancy', ' %'],
    ['occupancy', '35 %%'],
    ['occupancy', '35. %'],
    ['occupancy', '.5 %'],
    ['occupancy', 'NaN'],
    ['occupancy', 101],
    ['occupancy', null],
  ])('keeps a row whose %s is %j, that figure as 0 and counted', (field, value) => {
    const result = one({ [field]: value });
    const key = {
      hits: 'hits',
      calls: 'calls',
      aht_time: 'ahtSec',
      acw_time: 'acwSec',
      occupancy: 'occupancy',
      login_time: 'loginSec',
    }[field] as keyof AgentDay;
    const [row] = rowsOf(result.days);
    expect(row).toMatchObject({ agentId: '7', date: '20230102', points: 428, [key]: 0 });
    expect(result.skipped).toEqual({ ...NO_SKIPS, badFigure: 1 });
    expect(result.refused).toEqual([]);
  });

  it.each<unknown>([
    '20230230',
    '20230229',
    '20231301',
    '20230100',
    '2023011',
    '2023-01-02',
    20230102,
    null,
  ])('skips a row dated %j as badDate', (date) => {
    const result = one({ date });
    expect(result.days).toEqual([]);
    expect(result.skipped).toEqual({ ...NO_SKIPS, badDate: 1 });
  });

  it('reads 29 February in a leap year', () => {
    const result = parseAgentsKpi(answer([agent('7', [goodStat('20240229')])]), {
      from: '20240201',
      to: '20240229',
    });
    expect(rowsOf(result.days).map((r) => r.date)).toEqual(['20240229']);
  });
});

describe('parseAgentsKpi bad rows and agents', () => {
  it('skips and counts each kind of bad row while the good ones survive', () => {
    const text = answer([
      agent('100', [
        goodStat('20230105'),
        goodStat('20230104', { points: '12a' }),
        goodStat('20230230'),
        'not a row',
        goodStat('20221231'),
        goodStat('20230201'),
        goodStat('20230105', { points: '999' }),
        goodStat('20230103'),
      ]),
      agent('', [goodStat('20230105')]),
      agent(null, [goodStat('20230105')]),
      agent('12a', [goodStat('20230105')]),
      agent('101', 'none'),
      agent('102', undefined),
      'not an agent',
      null,
      agent('100', [goodStat('20230106')]),
      agent('103', [goodStat('20230105')], { agent_name: undefined }),
      agent(104, [goodStat('20230105')], { agent_name: 42 }),
      agent('105', []),
    ]);
    const result = parseAgentsKpi(text, JANUARY);
    // Day by day, oldest first; within a day, in the order of the answer.
    expect(rowsOf(result.days).map((r) => `${r.agentId}@${r.date}:${r.points}`)).toEqual([
      '100@20230103:428',
      '100@20230105:428',
      '103@20230105:428',
      '104@20230105:428',
    ]);
    expect(result.agents).toEqual([
      { id: '100', name: 'Agent 100' },
      { id: '103', name: '' },
      { id: '104', name: '' },
      { id: '105', name: 'Agent 105' },
    ]);
    expect(result.skipped).toEqual({
      badNumber: 1,
      badFigure: 0,
      badDate: 2,
      outsideWindow: 2,
      duplicateAgent: 1,
      duplicateDay: 1,
      badAgent: 7,
    });
  });

  it('keeps every row of a day that outgrows the room reserved for it', () => {
    // A 31-day window reserves room for 120,000 / 31 = 3,871 agents a day: one day of 3,900 grows.
    const many = Array.from({ length: 3900 }, (_, i) => agent(String(i), [goodStat('20230102')]));
    const result = parseAgentsKpi(answer(many), JANUARY);
    const rows = rowsOf(result.days);
    expect(rows).toHaveLength(3900);
    expect(rows[3899]).toMatchObject({ agentId: '3899', date: '20230102', points: 428 });
    expect(result.skipped).toEqual(NO_SKIPS);
  });

  it('keeps untrusted names as text, exactly as sent', () => {
    const name = '  <img src=x onerror=alert(1)> José “Pepe” 🎧 ';
    const result = parseAgentsKpi(answer([agent('7', [], { agent_name: name })]), JANUARY);
    expect(result.agents).toEqual([{ id: '7', name }]);
  });

  it('cuts an absurdly long name without splitting a surrogate pair', () => {
    const name = 'a'.repeat(199) + '🎧'.repeat(10);
    const [parsed] = parseAgentsKpi(answer([agent('7', [], { agent_name: name })]), JANUARY).agents;
    expect(parsed!.name).toBe('a'.repeat(199));
  });

  it('ignores fields it does not know, including __proto__', () => {
    const text = `{"code":"200","data":[{"__proto__":{"polluted":1},"agent_id":"7","agent_name":"A","stats":[]}]}`;
    const result = parseAgentsKpi(text, JANUARY);
    expect(result.agents).toEqual([{ id: '7', name: 'A' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
