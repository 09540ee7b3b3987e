/**
 * The fast reader (parse-bytes.ts) against the reference one (JSON.parse + readAgentsKpi): on
 * every answer it reads it must give exactly what the reference gives, it must never accept what
 * the reference refuses, and it must actually read the answers wolkvox writes (not give up).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createOperation } from '../../scripts/simulator';
import { buildData, successBody } from '../../scripts/simulator/envelope';
import type { DayWindow, ParsedAnswer } from '../../utils/model';
import { WolkvoxError } from '../../utils/wolkvox/errors';
import {
  readCount,
  readCountBytes,
  readDuration,
  readDurationBytes,
  readPercent,
  readPercentBytes,
} from '../../utils/wolkvox/fields';
import { parseAgentsKpi } from '../../utils/wolkvox/parse';
import { parseAgentsKpiBytes, readAgentsKpiBytes } from '../../utils/wolkvox/parse-bytes';

const here = import.meta.url;
const fixture = (name: string) => readFileSync(new URL(`../../../shared/fixtures/${name}`, here));

const JANUARY: DayWindow = { from: '20230101', to: '20230131' };
const utf8 = new TextEncoder();

/** What the reference reader makes of the bytes: the answer, or 'malformed'. */
function reference(bytes: Uint8Array, window: DayWindow): ParsedAnswer | 'malformed' {
  try {
    return parseAgentsKpi(new TextDecoder().decode(bytes), window);
  } catch (err) {
    if (err instanceof WolkvoxError && err.kind === 'malformed') return 'malformed';
    throw err;
  }
}

/** The fast reader's answer must be the reference's, whenever it gives one. */
function expectAgrees(bytes: Uint8Array, window: DayWindow): ParsedAnswer | null {
  const fast = readAgentsKpiBytes(bytes, window);
  const ref = reference(bytes, window);
  if (fast !== null) expect(fast).toEqual(ref);
  return fast;
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof random>;

const hms = (s: number) =>
  [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');

/** A stat as wolkvox writes one: every figure a plain string. */
function plainStat(r: Random, date: string): Record<string, unknown> {
  return {
    date,
    points: String(r.int(2000)),
    hits: String(r.int(40)),
    calls: String(r.int(90)),
    aht_time: hms(r.int(900)),
    acw_time: hms(r.int(120)),
    occupancy: `${r.int(101)} %`,
    login_time: hms(r.int(40_000)),
  };
}

const NAMES = ['Ana María Pérez', 'João Ñandú', 'Zoë 👩‍💻', 'O\'Brien "Bob"', 'Tab\there', 'قمر'];

/** An answer as wolkvox writes it: the fast reader must read it, not give up. */
function plainAnswer(r: Random, window: DayWindow, maxAgents = 30): string {
  const days: string[] = [];
  for (let d = Number(window.from); d <= Number(window.to); d++) days.push(String(d));
  const data = Array.from({ length: 1 + r.int(maxAgents) }, (_, a) => ({
    agent_id: String(1000 + a),
    agent_name: r.next() < 0.5 ? `Agent ${a}` : r.pick(NAMES),
    agent_dni: String(r.int(1e9)),
    stats: days.filter(() => r.next() < 0.8).map((date) => plainStat(r, date)),
  }));
  return JSON.stringify({ code: '200', error: null, msg: `${data.length} records`, data });
}

/** Values a field may hold in an answer that is not as wolkvox writes it. */
function oddValue(r: Random): unknown {
  return r.pick<() => unknown>([
    () => null,
    () => r.int(500),
    () => -r.int(5),
    () => 1.5,
    () => '',
    () => '12a',
    () => '1'.repeat(16),
    () => '35,5 %',
    () => '99.25%',
    () => '101 %',
    () => '100',
    () => '123:00:00',
    () => '1:60:00',
    () => '00:00',
    () => 'é',
    () => '\u0031\u0032',
    () => '\\',
    () => ['1'],
    () => ({ v: '1' }),
    () => true,
    () => '20230230',
    () => '20221231',
    () => '2023-01-05',
    () => '20230105',
  ])();
}

/** An answer with odd values, keys out of order or twice, odd entries: anything JSON allows. */
function oddAnswer(r: Random, window: DayWindow): string {
  const stat = () => {
    const s = plainStat(r, `${window.from.slice(0, 6)}${String(1 + r.int(31)).padStart(2, '0')}`);
    for (const key of Object.keys(s)) if (r.next() < 0.08) s[key] = oddValue(r);
    if (r.next() < 0.05) delete s[r.pick(Object.keys(s))];
    if (r.next() < 0.05) s.extra = oddValue(r);
    const entries = Object.entries(s);
    if (r.next() < 0.1) entries.reverse();
    return Object.fromEntries(entries);
  };
  const agent = () => {
    const id = r.next() < 0.9 ? String(1000 + r.int(40)) : oddValue(r);
    const stats = r.next() < 0.95 ? Array.from({ length: r.int(6) }, stat) : oddValue(r);
    const entries: [string, unknown][] = [
      ['agent_id', id],
      ['agent_name', r.next() < 0.9 ? r.pick(NAMES) : oddValue(r)],
      ['agent_dni', '123'],
      ['stats', stats],
    ];
    if (r.next() < 0.1) entries.reverse();
    if (r.next() < 0.05) entries.splice(r.int(entries.length), 1);
    return r.next() < 0.03 ? oddValue(r) : Object.fromEntries(entries);
  };
  const data = Array.from({ length: r.int(12) }, agent);
  const root = { code: r.next() < 0.95 ? '200' : r.pick(['403', 200, '200 ', 2e2]), data };
  return JSON.stringify(root, null, r.next() < 0.3 ? r.pick([1, 2, '\t']) : undefined);
}

/** Text JSON does not put in an answer: keys twice, escapes where JSON.stringify writes none. */
function withRawEdits(r: Random, text: string): string {
  const edits = [
    (t: string) => t.replace('"points":', '"points":"1","points":'),
    (t: string) => t.replace('"stats":', '"stats":[],"stats":'),
    (t: string) => t.replace('"agent_id":', '"agent_id":"7","agent_id":'),
    (t: string) => t.replace('"code":"200"', '"code":"200","code":"403"'),
    (t: string) => t.replace('"hits"', '"h\\u0069ts"'),
    (t: string) => t.replace('"calls":"', '"calls":"\\u0033'),
    (t: string) => t.replace(/"agent_name":"/, '"agent_name":"\\ud83d\\ude00 \\n '),
    (t: string) => `\ufeff${t}`,
    (t: string) => ` \r\n\t${t}\n`,
    (t: string) => t.replace(/\]\}$/, ', ]}'),
    (t: string) => t.replace('"},{"date"', '",\n},{"date"'),
  ];
  return r.pick(edits)(text);
}

/** `bytes` with [at, at + drop) replaced by `insert`. */
function splice(bytes: Uint8Array, at: number, drop: number, insert: number[]): Uint8Array {
  const out = new Uint8Array(bytes.length - drop + insert.length);
  out.set(bytes.subarray(0, at));
  out.set(insert, at);
  out.set(bytes.subarray(at + drop), at + insert.length);
  return out;
}

const SIGNIFICANT = [...'{}[]:,"\\ 0123456789-.eEtrufalsn'].map((c) => c.charCodeAt(0));

/** One random byte-level damage: what a cut or corrupted answer looks like. */
function damage(r: Random, bytes: Uint8Array): Uint8Array {
  const at = r.int(bytes.length);
  switch (r.int(5)) {
    case 0:
      return bytes.subarray(0, at); // cut short
    case 1:
      return splice(bytes, at, 1, []); // a byte lost
    case 2:
      return splice(bytes, at, 0, [r.pick(SIGNIFICANT)]); // one added
    case 3:
      return splice(bytes, at, 1, [r.int(256)]); // one replaced
    default:
      return splice(bytes, at, 0, [0x2c]); // a stray comma
  }
}

describe('the fast reader on the answers wolkvox writes', () => {
  it('reads the documentation sample exactly as the reference does', () => {
    const bytes = fixture('agents_kpi_doc_sample.json');
    expect(expectAgrees(bytes, JANUARY)).not.toBeNull();
  });

  it('reads the published sample (a trailing comma) itself, as the reference does', () => {
    const bytes = fixture('agents_kpi_doc_sample.published.txt');
    expect(expectAgrees(bytes, JANUARY)).not.toBeNull();
    expect(parseAgentsKpiBytes(bytes, JANUARY)).toEqual(reference(bytes, JANUARY));
  });

  it('reads the simulator’s month of 300 agents with hostile names, unchanged', () => {
    const op = createOperation({ agents: 300, seed: 11, hostileNames: true });
    const today = op.today();
    const window = { from: `${today.slice(0, 6)}01`, to: today };
    const { data, records } = buildData(op, window.from, window.to);
    const fast = expectAgrees(utf8.encode(successBody(data, records)), window);
    expect(fast).not.toBeNull();
    expect(fast!.agents).toHaveLength(300);
    // The personal-data rule holds on this path too: the ID numbers go nowhere.
    expect(JSON.stringify(fast)).not.toContain(data[0]!.agent_dni);
  });

  it('reads 200 random answers written the way wolkvox writes them', () => {
    const r = random(1);
    for (let n = 0; n < 200; n++) {
      const bytes = utf8.encode(plainAnswer(r, JANUARY, 10));
      expect(expectAgrees(bytes, JANUARY), `answer ${n}`).not.toBeNull();
    }
  });
});

describe('the fast reader on answers that are not as wolkvox writes them', () => {
  it('agrees with the reference on 1,500 answers with odd values, orders and entries', () => {
    const r = random(2);
    let read = 0;
    for (let n = 0; n < 1500; n++) {
      if (expectAgrees(utf8.encode(oddAnswer(r, JANUARY)), JANUARY)) read++;
    }
    // Odd values that are plain strings (a bad date, "12a") are still read fast, and judged.
    expect(read).toBeGreaterThan(100);
  });

  it('gives up on keys written twice or escaped, and on escaped figures', () => {
    const r = random(3);
    for (let n = 0; n < 300; n++) {
      const text = withRawEdits(r, plainAnswer(r, JANUARY, 5));
      expectAgrees(utf8.encode(text), JANUARY);
    }
    const twice = plainAnswer(random(4), JANUARY).replace('"points":', '"points":"9","points":');
    expect(readAgentsKpiBytes(utf8.encode(twice), JANUARY)).toBeNull();
  });

  it('never accepts an answer the reference refuses: 3,000 damaged answers', () => {
    const r = random(5);
    let refused = 0;
    for (let n = 0; n < 3000; n++) {
      const bytes = damage(r, utf8.encode(plainAnswer(r, JANUARY, 3)));
      const fast = readAgentsKpiBytes(bytes, JANUARY);
      const ref = reference(bytes, JANUARY);
      if (ref === 'malformed') {
        refused++;
        expect(fast, `damaged answer ${n}`).toBeNull();
      } else if (fast !== null) {
        expect(fast).toEqual(ref);
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it('checks JSON’s grammar in values it does not read, as JSON.parse does', () => {
    const base = plainAnswer(random(7), JANUARY, 2);
    const at = (value: string) =>
      utf8.encode(base.replace('"error":null', `"error":null,"extra":${value}`));
    const invalid = ['01', '1.', '.5', '-', '1e', '+1', 'tru', 'nul', 'NaN', 'Infinity'];
    invalid.push('"\\x"', '"\\u12"', '"a\u0001"', '{"a" 1}', "'s'", '[', '');
    // Of what JSON refuses, only a comma after the last element or member is read (parseJson).
    invalid.push('[,]', '{,}', '[1,,]', '{"a":1,,}', '[1,}', '{"a":1,]', '{"a":,}', '[1 ,, ]');
    for (const value of invalid) {
      expect(reference(at(value), JANUARY), value).toBe('malformed');
      expect(readAgentsKpiBytes(at(value), JANUARY), value).toBeNull();
    }
    const valid = ['-0', '1E+2', '0.5e-3', '"\\u00e9\\n"', '[]', '{}', '[{"a":[null,true,false]}]'];
    valid.push('[1,]', '{"a":1,}', '[[1 , ] ,\n]', '{"a":{"b":[],},}', '",]"');
    for (const value of valid) expect(expectAgrees(at(value), JANUARY), value).not.toBeNull();
  });

  it('keeps a byte-order mark that starts a name, as decoding the whole answer does', () => {
    for (const name of ['\ufeffAna', '\ufeff', '\ufeff\\n', '\ufeffJosé']) {
      const text = `{"code":"200","data":[{"agent_id":"1","agent_name":"${name}","stats":[]}]}`;
      const fast = expectAgrees(utf8.encode(text), JANUARY);
      expect(fast, name).not.toBeNull();
      expect(fast!.agents[0]!.name.startsWith('\ufeff'), name).toBe(true);
    }
  });

  it('reads an answer whose error is null or empty, and leaves one with a message', () => {
    const base = plainAnswer(random(8), JANUARY, 2);
    for (const none of ['null', '""', ' null ']) {
      const text = base.replace('"error":null', `"error":${none}`);
      expect(expectAgrees(utf8.encode(text), JANUARY), none).not.toBeNull();
    }
    // A refusal sent with a 200 and figures: the caller's reference way tells it for what it is.
    for (const message of ['"TOKEN LIMIT EXCEEDED"', '"x"', '0', '{}']) {
      const text = base.replace('"error":null', `"error":${message}`);
      expect(readAgentsKpiBytes(utf8.encode(text), JANUARY), message).toBeNull();
    }
  });

  it('leaves an error envelope and absurd nesting to the reference', () => {
    const limit = utf8.encode(JSON.stringify({ code: '403', msg: 'TOKEN LIMIT EXCEEDED' }));
    expect(readAgentsKpiBytes(limit, JANUARY)).toBeNull();
    const deep = utf8.encode(`{"code":"200","data":[],"x":${'['.repeat(200_000)}`);
    expect(readAgentsKpiBytes(deep, JANUARY)).toBeNull();
  });
});

describe('the figure readers over bytes', () => {
  it('agree with the string readers on 20,000 random strings', () => {
    const r = random(6);
    const alphabet = [...'0123456789::%  .,a-\t'];
    for (let n = 0; n < 20_000; n++) {
      const text = Array.from({ length: r.int(12) }, () => r.pick(alphabet)).join('');
      const b = utf8.encode(`"${text}"`);
      const end = b.length - 1;
      expect(readCountBytes(b, 1, end), text).toBe(readCount(text));
      expect(readDurationBytes(b, 1, end), text).toBe(readDuration(text));
      expect(readPercentBytes(b, 1, end), text).toBe(readPercent(text));
    }
  });
});
