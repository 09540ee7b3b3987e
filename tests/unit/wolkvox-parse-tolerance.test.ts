/**
 * What both readers forgive, and what they still refuse: a side figure that does not read costs
 * that figure, never the agent's points; and a trailing comma, which wolkvox's own published
 * sample has, is read. Every case goes through both readers, which must agree.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../utils/day-records';
import type { AgentDay, DayWindow, ParsedAnswer } from '../../utils/model';
import { WolkvoxError } from '../../utils/wolkvox/errors';
import {
  readCount,
  readCountBytes,
  readDuration,
  readDurationBytes,
  readPercent,
  readPercentBytes,
} from '../../utils/wolkvox/fields';
import { noSkips, parseAgentsKpi, parseJson, readAgentsKpi } from '../../utils/wolkvox/parse';
import { readAgentsKpiBytes } from '../../utils/wolkvox/parse-bytes';

// Through a variable: Vite rewrites a literal `new URL(…, import.meta.url)` into an asset import.
const here = import.meta.url;
const fixture = (name: string) => readFileSync(new URL(`../../../shared/fixtures/${name}`, here));

const JANUARY: DayWindow = { from: '20230101', to: '20230131' };
const DAY = '20230102';
const utf8 = new TextEncoder();

const stat = (over: Record<string, unknown> = {}) => ({
  date: DAY,
  points: '428',
  hits: '1',
  calls: '2',
  aht_time: '00:06:01',
  acw_time: '00:00:13',
  occupancy: '35 %',
  login_time: '00:34:00',
  ...over,
});
const agent = (id: string, over: Record<string, unknown> = {}, points = '428') => ({
  agent_id: id,
  agent_name: `Agent ${id}`,
  agent_dni: '1111222233',
  stats: [stat({ points, ...over })],
});
const answer = (data: unknown[]) => JSON.stringify({ code: '200', error: null, msg: '', data });

/** The answer read both ways: the fast reader must read it itself and agree with the reference. */
function bothWays(text: string, window = JANUARY): ParsedAnswer {
  const fast = readAgentsKpiBytes(utf8.encode(text), window);
  const reference = parseAgentsKpi(text, window);
  expect(fast, 'the fast reader gave up').not.toBeNull();
  expect(fast).toEqual(reference);
  return reference;
}

function isMalformed(read: () => unknown): boolean {
  try {
    read();
    return false;
  } catch (err) {
    return err instanceof WolkvoxError && err.kind === 'malformed';
  }
}

/** Both readers refuse the text as malformed (the fast one by giving it to the reference). */
function expectRefusedBothWays(text: string) {
  expect(readAgentsKpiBytes(utf8.encode(text), JANUARY), text).toBeNull();
  expect(
    isMalformed(() => parseAgentsKpi(text, JANUARY)),
    text,
  ).toBe(true);
}

const FIELD: Record<string, keyof AgentDay> = {
  points: 'points',
  hits: 'hits',
  calls: 'calls',
  aht_time: 'ahtSec',
  acw_time: 'acwSec',
  occupancy: 'occupancy',
  login_time: 'loginSec',
};

describe('a side figure that does not read', () => {
  it.each<[string, unknown]>([
    ['occupancy', ''],
    ['occupancy', 'mucho'],
    ['hits', '-1'],
    ['calls', '3 3'],
    ['acw_time', null],
    ['aht_time', '1:2'],
    ['login_time', '-00:01:00'],
  ])('costs only that figure (%s %j → 0, counted), never the points', (field, value) => {
    const result = bothWays(answer([agent('7', { [field]: value })]));
    const [row] = rowsOf(result.days);
    expect(row).toMatchObject({ agentId: '7', date: DAY, points: 428, [FIELD[field]!]: 0 });
    expect(result.skipped).toEqual({ ...noSkips(), badFigure: 1 });
    expect(result.refused).toEqual([]);
  });

  it('keeps the agent on the board, so nobody below moves up', () => {
    const result = bothWays(
      answer([
        agent('1', {}, '900'),
        agent('2', { occupancy: '', hits: '-1', acw_time: null }, '700'),
        agent('3', {}, '500'),
      ]),
    );
    const rows = rowsOf(result.days);
    expect(rows.map((r) => [r.agentId, r.points])).toEqual([
      ['1', 900],
      ['2', 700],
      ['3', 500],
    ]);
    expect(rows[1]).toMatchObject({ hits: 0, calls: 2, ahtSec: 361, acwSec: 0, occupancy: 0 });
    expect(result.skipped).toEqual({ ...noSkips(), badFigure: 3 });
  });

  it('counts every unreadable figure of every row, across agents and days', () => {
    const two = {
      ...agent('8'),
      stats: [stat({ date: '20230103', hits: 'x' }), stat({ calls: null, login_time: '' })],
    };
    const result = bothWays(answer([agent('7', { occupancy: '%' }), two]));
    expect(rowsOf(result.days)).toHaveLength(3);
    expect(result.skipped.badFigure).toBe(4);
  });
});

describe('points that do not read', () => {
  // Negative points are refused on purpose: no wolkvox figure is below 0, and reading "-5" as 0
  // would put the agent last without a word. The stored figures stand instead.
  it.each<unknown>(['-5', -5, '', 'N/A', null, '1.5'])(
    'still refuse the row (%j), naming it so the stored figures are kept',
    (points) => {
      const text = answer([agent('7', {}, '1'), agent('8', { points })]);
      const result = typeof points === 'string' ? bothWays(text) : parseAgentsKpi(text, JANUARY);
      expect(rowsOf(result.days).map((r) => r.agentId)).toEqual(['7']);
      expect(result.skipped).toEqual({ ...noSkips(), badNumber: 1 });
      expect(result.refused).toEqual([{ agentId: '8', date: DAY }]);
    },
  );
});

describe('figures written in unambiguous variants', () => {
  it.each<[string, unknown, number]>([
    ['points', ' 428', 428],
    ['points', '428 ', 428],
    ['calls', ' 3', 3],
    ['hits', '\t3\n', 3],
    ['login_time', ' 00:34:00 ', 2040],
    ['aht_time', ' 00:06:01', 361],
    ['occupancy', '35%', 35],
    ['occupancy', '35 %', 35],
    ['occupancy', '35', 35],
    ['occupancy', ' 35 % ', 35],
    ['occupancy', '35,5% ', 35.5],
  ])('reads %s %j as %s', (field, value, expected) => {
    const text = answer([agent('7', { [field]: value })]);
    // A tab or line feed can only come escaped, which the fast reader leaves to the reference.
    const result = /[\t\n]/.test(String(value)) ? parseAgentsKpi(text, JANUARY) : bothWays(text);
    expect(rowsOf(result.days)[0]![FIELD[field]!]).toBe(expected);
    expect(result.skipped).toEqual(noSkips());
  });

  it.each<[string, unknown]>([
    // MM:SS or HH:MM? A login time of "08:30" could be either: left unread, counted.
    ['aht_time', '06:01'],
    ['login_time', '08:30'],
    ['aht_time', '6:01'],
    ['aht_time', '60:00'],
    ['aht_time', '06:60'],
    ['aht_time', '0601'],
    ['calls', '3 3'],
    ['calls', '+3'],
    ['calls', ' '],
    ['occupancy', '35 %%'],
    ['occupancy', '101 %'],
  ])('still does not read %s %j', (field, value) => {
    const result = bothWays(answer([agent('7', { [field]: value })]));
    expect(result.skipped.badFigure).toBe(1);
  });

  // Each text as a count, a duration and a share: the same over bytes as over strings.
  it.each<[string, number, number, number]>([
    [' 3', 3, -1, 3],
    ['3 ', 3, -1, 3],
    ['\t3\r\n', 3, -1, 3],
    ['06:01', -1, -1, -1],
    [' 00:06:01 ', -1, 361, -1],
    ['1:59:59', -1, 7199, -1],
    [' 35 % ', -1, -1, 35],
    [' ', -1, -1, -1],
  ])('reads %j over bytes as over strings', (text, count, duration, share) => {
    const b = utf8.encode(`"${text}"`);
    const end = b.length - 1;
    expect([readCount(text), readDuration(text), readPercent(text)]).toEqual([
      count,
      duration,
      share,
    ]);
    expect([
      readCountBytes(b, 1, end),
      readDurationBytes(b, 1, end),
      readPercentBytes(b, 1, end),
    ]).toEqual([count, duration, share]);
  });
});

describe('the published documentation sample, verbatim (a trailing comma)', () => {
  const valid = parseAgentsKpi(fixture('agents_kpi_doc_sample.json').toString('utf8'), JANUARY);
  const published = fixture('agents_kpi_doc_sample.published.txt');

  it('is read by the fast reader as the valid sample is', () => {
    const fast = readAgentsKpiBytes(new Uint8Array(published), JANUARY);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(valid);
  });

  it('is read the reference way (the client’s string path) as the valid sample is', () => {
    const text = new TextDecoder().decode(published);
    expect(readAgentsKpi(parseJson(text), JANUARY)).toEqual(valid);
    expect(parseAgentsKpi(text, JANUARY)).toEqual(valid);
  });

  it('gives agent 12999 with 29 days and the documented figures, and drops agent_dni', () => {
    const fast = readAgentsKpiBytes(new Uint8Array(published), JANUARY)!;
    expect(fast.agents).toEqual([{ id: '12999', name: 'Menphy Halland' }]);
    const rows = rowsOf(fast.days);
    expect(rows).toHaveLength(29);
    expect(rows.find((r) => r.date === '20230123')).toEqual({
      agentId: '12999',
      date: '20230123',
      points: 428,
      hits: 0,
      calls: 2,
      ahtSec: 361,
      acwSec: 13,
      occupancy: 35,
      loginSec: 2040,
    });
    expect(fast.skipped).toEqual(noSkips());
    expect(JSON.stringify(fast)).not.toContain('9274658220');
    expect(JSON.stringify(fast)).not.toMatch(/dni/i);
  });
});

describe('trailing commas', () => {
  const base = answer([agent('7'), agent('8')]);

  it.each<[string, string]>([
    ['after the last agent', base.replace(/\]\}$/, ',]}')],
    ['after the last agent, with whitespace', base.replace(/\]\}$/, ' ,\r\n\t]}')],
    ['after the last member of the envelope', base.replace(/\]\}$/, '],}')],
    ['after the last stat', base.replace(/"\}\]/, '"},]')],
    ['after the last figure of a stat', base.replace('"00:34:00"}', '"00:34:00",}')],
    ['after the last member of an agent', base.replace('}]},', '}],},')],
    ['after a value nobody reads', base.replace('"msg":""', '"msg":[1,{"a":[2,],},]')],
    ['everywhere at once', base.replace(/([\]}"])([\]}])/g, '$1,$2')],
  ])('are read %s', (_label, text) => {
    expect(text).not.toBe(base);
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(bothWays(text)).toEqual(parseAgentsKpi(base, JANUARY));
  });

  it('leave a comma inside a string alone', () => {
    const name = 'Ana ,] \\",}';
    const text = answer([{ ...agent('7'), agent_name: name }]).replace(/\]\}$/, ',]}');
    expect(bothWays(text).agents).toEqual([{ id: '7', name }]);
  });

  it.each<string>([
    base.replace(/\]\}$/, ',,]}'),
    base.replace(/\]\}$/, ']},'),
    base.replace('"data":[', '"data":[,'),
    base.replace('"error":null', '"error":[,]'),
    base.replace('"error":null', '"error":{,}'),
    base.replace('"error":null', '"error":,'),
    base.replace('"error":null', '"error":[1,}'),
    base.replace(/\]\}$/, ';]}'),
    `${base.slice(0, -2)},]`,
  ])('are the only thing forgiven: %s is still malformed', (text) => {
    expectRefusedBothWays(text);
  });
});
