import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  COLUMNS,
  DB_NAME,
  DB_VERSION,
  clearAll,
  dayRows,
  getBoards,
  getDayIndex,
  getDays,
  getSecret,
  getViews,
  listAgents,
  openPodioDb,
  putSecret,
  rebuildStored,
  reopenDays,
  resetDbForTests,
  toDayRecord,
  writeWindow,
  type BoardRecord,
  type Rebuilt,
  type StoredFigures,
} from '../../utils/db';
import type { AgentDay, DayColumns, FetchedWindow, Kpis, ParsedAnswer } from '../../utils/model';
import { eachDay } from '../../utils/periods';
import type { Views } from '../../utils/views';
import { noSkips, parseAgentsKpi } from '../../utils/wolkvox/parse';

beforeEach(() => {
  resetDbForTests();
  globalThis.indexedDB = new IDBFactory();
});

const ZERO: Kpis = {
  points: 0,
  hits: 0,
  calls: 0,
  ahtSec: 0,
  acwSec: 0,
  occupancy: 0,
  loginSec: 0,
};
const row = (agentId: string, date: string, more: Partial<Kpis> = {}): AgentDay => ({
  ...ZERO,
  agentId,
  date,
  ...more,
});

/** Rows grouped into a parsed answer's days, as the parser hands them over. */
const daysOf = (rows: AgentDay[]) =>
  [...new Set(rows.map((r) => r.date))].sort().map((date) => {
    const { ids, values } = toDayRecord(
      date,
      rows.filter((r) => r.date === date),
      false,
      0,
    );
    return { date, ids, values };
  });

/** Every record of every store, read around db.ts, with the store names. */
async function dump(): Promise<{ stores: string[]; records: unknown[] }> {
  const db = await openDB(DB_NAME);
  const stores = [...db.objectStoreNames];
  const records: unknown[] = [];
  for (const name of stores) {
    records.push(...(await db.getAll(name)), ...(await db.getAllKeys(name)));
  }
  db.close();
  return { stores, records };
}

/** A wire answer, as wolkvox sends it (strings everywhere, agent_dni included), parsed for real. */
function wireAnswer(
  window: { from: string; to: string },
  agents: { id: string; name: string; dni: string; days: Record<string, number> }[],
): ParsedAnswer {
  const data = agents.map((a) => ({
    agent_id: a.id,
    agent_name: a.name,
    agent_dni: a.dni,
    stats: Object.entries(a.days)
      .sort(([x], [y]) => (x < y ? 1 : -1))
      .map(([date, points]) => ({
        date,
        points: String(points),
        hits: '1',
        calls: '12',
        aht_time: '00:04:10',
        acw_time: '00:00:20',
        occupancy: '61 %',
        login_time: '07:58:00',
      })),
  }));
  const text = JSON.stringify({ code: '200', error: null, msg: 'records were found', data });
  return parseAgentsKpi(text, window);
}

/** Points by agent on each stored day of `days`. */
const pointsByDay = (days: readonly DayColumns[]) =>
  Object.fromEntries(
    days.map((d) => [
      d.date,
      Object.fromEntries([...dayRows(d)].map((r) => [r.agentId, r.points])),
    ]),
  );

/**
 * Rebuild as a sync does for `today`, keeping days from `keepFrom`: `build` returns `rebuilt`
 * (or throws it, if an Error). Resolves to what `build` was handed.
 */
async function rebuild(
  opts: { keepFrom: string; today: string; last?: FetchedWindow | null; saveBoards?: boolean },
  rebuilt: Rebuilt | Error = { boards: [], views: null },
): Promise<StoredFigures> {
  let seen: StoredFigures | null = null;
  await rebuildStored({ last: null, saveBoards: true, ...opts }, (figures) => {
    seen = figures;
    if (rebuilt instanceof Error) throw rebuilt;
    return rebuilt;
  });
  return seen!;
}

describe('upgrade from version 2', () => {
  it('keeps days, agents and secrets in the compact layout', async () => {
    const v2 = await openDB(DB_NAME, 2, {
      upgrade(db) {
        db.createObjectStore('agents', { keyPath: 'id' });
        db.createObjectStore('secrets');
        db.createObjectStore('days', { keyPath: 'date' });
        db.createObjectStore('boards', { keyPath: 'period' });
        db.createObjectStore('meta');
      },
    });
    const day = toDayRecord(
      '20261120',
      [row('1001', '20261120', { points: 430, calls: 3 }), row('1002', '20261120', { points: 9 })],
      true,
      7,
    );
    const tx = v2.transaction(['agents', 'days', 'meta', 'secrets', 'boards'], 'readwrite');
    await Promise.all([
      tx.objectStore('agents').put({ id: '1001', name: 'Ana Gómez' }),
      tx.objectStore('agents').put({ id: '1002', name: 'Beto, el de siempre' }),
      tx.objectStore('days').put(day),
      tx.objectStore('meta').put({ '20261120': { final: true, fetchedAt: 7 } }, 'dayIndex'),
      tx.objectStore('secrets').put({ sealed: true }, 'token'),
      tx.objectStore('boards').put({ period: 'today', entries: [{ id: '1001', rank: 1 }] }),
      tx.done,
    ]);
    v2.close();

    expect(await getDays('20261101', '20261130')).toEqual([day]);
    expect(await getDayIndex()).toEqual({ '20261120': { final: true, fetchedAt: 7 } });
    const agents = await listAgents();
    expect(agents.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: '1001', name: 'Ana Gómez' },
      { id: '1002', name: 'Beto, el de siempre' },
    ]);
    expect(await getSecret('token')).toEqual({ sealed: true });
    expect((await dump()).stores.sort()).toEqual(['boards', 'days', 'meta', 'secrets']);
  });
});

describe('upgrade from version 1', () => {
  async function createV1(rows: (AgentDay | (AgentDay & { agent_dni: string }))[]) {
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('agents', { keyPath: 'id' });
        db.createObjectStore('rows', { keyPath: ['date', 'agentId'] });
        db.createObjectStore('secrets');
      },
    });
    const tx = v1.transaction(['agents', 'rows', 'secrets'], 'readwrite');
    await Promise.all([
      ...rows.map((r) => tx.objectStore('rows').put(r)),
      tx.objectStore('agents').put({ id: '1001', name: 'Ana Gómez' }),
      tx.objectStore('agents').put({ id: '1002', name: 'Beto Ruiz' }),
      tx.objectStore('secrets').put({ sealed: true }, 'token'),
      tx.done,
    ]);
    v1.close();
  }

  it('turns per-agent-day rows into one day record per day and drops the rows store', async () => {
    await createV1([
      row('1001', '20261120', { points: 430, hits: 2, calls: 31, ahtSec: 250, loginSec: 28_000 }),
      row('1002', '20261120', { points: 120, occupancy: 48.5, acwSec: 15 }),
      row('1001', '20261121', { points: 77 }),
      // A v1 row that carried personal data must not carry it into v2.
      { ...row('1002', '20261122', { points: 5 }), agent_dni: '9274658220' },
    ]);

    const index = await getDayIndex();
    expect(Object.keys(index).sort()).toEqual(['20261120', '20261121', '20261122']);
    // v1 never recorded finality: every migrated day is fetched once more.
    for (const status of Object.values(index)) expect(status.final).toBe(false);

    const days = await getDays('20261101', '20261130');
    expect(days.map((d) => d.date)).toEqual(['20261120', '20261121', '20261122']);
    const rows20 = [...dayRows(days[0]!)].sort((a, b) => a.agentId.localeCompare(b.agentId));
    expect(rows20).toEqual([
      row('1001', '20261120', { points: 430, hits: 2, calls: 31, ahtSec: 250, loginSec: 28_000 }),
      row('1002', '20261120', { points: 120, occupancy: 48.5, acwSec: 15 }),
    ]);
    expect([...dayRows(days[1]!)]).toEqual([row('1001', '20261121', { points: 77 })]);

    const { stores, records } = await dump();
    expect(stores.sort()).toEqual(['boards', 'days', 'meta', 'secrets']);
    expect(JSON.stringify(records)).not.toContain('9274658220');
  });

  it('keeps the agents and the secrets it found', async () => {
    await createV1([row('1001', '20261120', { points: 1 })]);
    const agents = await listAgents();
    expect(agents.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: '1001', name: 'Ana Gómez' },
      { id: '1002', name: 'Beto Ruiz' },
    ]);
    expect(await getSecret('token')).toEqual({ sealed: true });
  });

  it('upgrades an empty v1 database', async () => {
    await createV1([]);
    expect(await getDayIndex()).toEqual({});
    expect((await dump()).stores).not.toContain('rows');
  });

  it('steps aside when a newer version (an extension update) opens the database', async () => {
    await getDayIndex();
    // Without the old connection closing, this open would stay blocked (and the test time out).
    const newer = await openDB(DB_NAME, DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
  });

  it('creates a fresh database at the current version with only the current stores', async () => {
    const db = await openPodioDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['boards', 'days', 'meta', 'secrets']);
  });
});

describe('toDayRecord / dayRows', () => {
  it('round-trips every column in order', () => {
    const rows = [
      row('7', '20261124', {
        points: 1,
        hits: 2,
        calls: 3,
        ahtSec: 4,
        acwSec: 5,
        occupancy: 6.5,
        loginSec: 7,
      }),
      row('8', '20261124', { points: 10 }),
    ];
    const record = toDayRecord('20261124', rows, true, 123);
    expect(record.values).toHaveLength(rows.length * COLUMNS.length);
    expect(Array.from(record.values.slice(0, 7))).toEqual([1, 2, 3, 4, 5, 6.5, 7]);
    expect([...dayRows(record)]).toEqual(rows);
  });
});

describe('writeWindow and rows wolkvox sent unreadable', () => {
  const TODAY = '20261124';
  const window = { from: TODAY, to: TODAY };
  const answer = (rows: AgentDay[], refused: string[] = []): ParsedAnswer => ({
    agents: [
      { id: '1001', name: 'Ana' },
      { id: '1002', name: 'Beto' },
    ],
    days: daysOf(rows),
    skipped: { ...noSkips(), badNumber: refused.length },
    refused: refused.map((agentId) => ({ agentId, date: TODAY })),
  });
  const pointsOn = async () =>
    Object.fromEntries(
      [...dayRows((await getDays(TODAY, TODAY))[0]!)].map((r) => [r.agentId, r.points]),
    );

  it('keep the figures stored for that agent-day', async () => {
    await writeWindow(
      answer([row('1001', TODAY, { points: 50 }), row('1002', TODAY, { points: 40 })]),
      window,
      1,
      TODAY,
    );
    await writeWindow(answer([row('1002', TODAY, { points: 45 })], ['1001']), window, 2, TODAY);
    expect(await pointsOn()).toEqual({ '1001': 50, '1002': 45 });
  });

  it('keep the figures stored for that agent-day when the answer comes with a rebuild', async () => {
    await writeWindow(
      answer([row('1001', TODAY, { points: 50 }), row('1002', TODAY, { points: 40 })]),
      window,
      1,
      TODAY,
    );
    const last = { answer: answer([row('1002', TODAY, { points: 45 })], ['1001']), window };
    const read = await rebuild({ keepFrom: TODAY, today: TODAY, last: { ...last, fetchedAt: 2 } });
    expect(pointsByDay(read.days)).toEqual({ [TODAY]: { '1001': 50, '1002': 45 } });
    resetDbForTests();
    expect(await pointsOn()).toEqual({ '1001': 50, '1002': 45 });
    expect((await getDays(TODAY, TODAY))[0]!.fetchedAt).toBe(2);
  });

  it('but an agent simply absent from the answer has no figures that day', async () => {
    await writeWindow(
      answer([row('1001', TODAY, { points: 50 }), row('1002', TODAY, { points: 40 })]),
      window,
      1,
      TODAY,
    );
    await writeWindow(answer([row('1002', TODAY, { points: 45 })]), window, 2, TODAY);
    expect(await pointsOn()).toEqual({ '1002': 45 });
  });
});

describe('reopenDays (the operation’s time zone changed)', () => {
  it('leaves every stored day not final, figures kept, so the next sync asks for them again', async () => {
    const window = { from: '20261120', to: '20261124' };
    const answer = wireAnswer(window, [
      { id: '1001', name: 'Ana Gómez', dni: '9274658220', days: { '20261121': 70 } },
    ]);
    await writeWindow(answer, window, 1_000, '20261124');
    expect(Object.values(await getDayIndex()).filter((d) => d.final)).toHaveLength(4);

    await reopenDays();
    const index = await getDayIndex();
    expect(Object.keys(index).sort()).toEqual(eachDay(window));
    expect(Object.values(index).every((d) => !d.final)).toBe(true);
    const [kept] = await getDays('20261121', '20261121');
    expect([...dayRows(kept!)].map((r) => r.points)).toEqual([70]);
    expect(kept!.final).toBe(false);
  });
});

describe('writeWindow', () => {
  const TODAY = '20261124';
  const AGENTS = [
    { id: '1001', name: 'Ana Gómez', dni: '9274658220', days: {} as Record<string, number> },
    { id: '1002', name: 'Beto Ruiz', dni: '1122334455', days: {} as Record<string, number> },
  ];

  it('writes every day of the window, days without rows included', async () => {
    const window = { from: '20261118', to: '20261124' };
    const answer = wireAnswer(window, [
      { ...AGENTS[0]!, days: { '20261124': 50, '20261120': 400, '20261118': 10 } },
      { ...AGENTS[1]!, days: { '20261120': 300 } },
    ]);
    await writeWindow(answer, window, 1_000, TODAY);

    const days = await getDays(window.from, window.to);
    expect(days.map((d) => d.date)).toEqual(eachDay(window));
    const byDate = new Map(days.map((d) => [d.date, [...dayRows(d)]]));
    expect(byDate.get('20261119')).toEqual([]);
    expect(byDate.get('20261120')!.map((r) => [r.agentId, r.points])).toEqual([
      ['1001', 400],
      ['1002', 300],
    ]);
    expect(byDate.get('20261124')!.map((r) => [r.agentId, r.points])).toEqual([['1001', 50]]);
    expect(byDate.get('20261120')![0]).toEqual(
      row('1001', '20261120', {
        points: 400,
        hits: 1,
        calls: 12,
        ahtSec: 250,
        acwSec: 20,
        occupancy: 61,
        loginSec: 7 * 3600 + 58 * 60,
      }),
    );
  });

  it('marks past days final and today not final, in the records and the index', async () => {
    const window = { from: '20261122', to: TODAY };
    await writeWindow(wireAnswer(window, [AGENTS[0]!]), window, 5_000, TODAY);
    expect(await getDayIndex()).toEqual({
      '20261122': { final: true, fetchedAt: 5_000 },
      '20261123': { final: true, fetchedAt: 5_000 },
      '20261124': { final: false, fetchedAt: 5_000 },
    });
    const days = await getDays(window.from, window.to);
    expect(days.map((d) => [d.date, d.final, d.fetchedAt])).toEqual([
      ['20261122', true, 5_000],
      ['20261123', true, 5_000],
      ['20261124', false, 5_000],
    ]);
  });

  it('makes yesterday final when it is fetched after midnight, and keeps other days', async () => {
    const yesterday = { from: '20261123', to: '20261123' };
    await writeWindow(wireAnswer(yesterday, [AGENTS[0]!]), yesterday, 1, '20261123');
    expect((await getDayIndex())['20261123']).toEqual({ final: false, fetchedAt: 1 });
    const today = { from: TODAY, to: TODAY };
    await writeWindow(wireAnswer(today, [AGENTS[0]!]), today, 2, TODAY);
    await writeWindow(wireAnswer(yesterday, [AGENTS[0]!]), yesterday, 3, TODAY);
    expect(await getDayIndex()).toEqual({
      '20261123': { final: true, fetchedAt: 3 },
      '20261124': { final: false, fetchedAt: 2 },
    });
  });

  it('replaces a day’s figures with the latest answer', async () => {
    const window = { from: TODAY, to: TODAY };
    await writeWindow(
      wireAnswer(window, [{ ...AGENTS[0]!, days: { [TODAY]: 10 } }]),
      window,
      1,
      TODAY,
    );
    await writeWindow(
      wireAnswer(window, [{ ...AGENTS[0]!, days: { [TODAY]: 90 } }]),
      window,
      2,
      TODAY,
    );
    const [day] = await getDays(TODAY, TODAY);
    expect([...dayRows(day!)].map((r) => r.points)).toEqual([90]);
    expect(day!.fetchedAt).toBe(2);
  });

  it('ignores rows outside the window', async () => {
    const window = { from: TODAY, to: TODAY };
    const answer: ParsedAnswer = {
      agents: [{ id: '1001', name: 'Ana' }],
      days: daysOf([row('1001', TODAY, { points: 1 }), row('1001', '20261101', { points: 999 })]),
      skipped: wireAnswer(window, []).skipped,
    };
    await writeWindow(answer, window, 1, TODAY);
    expect(Object.keys(await getDayIndex())).toEqual([TODAY]);
    expect(await getDays('20261101', '20261101')).toEqual([]);
  });

  it('keeps one agent record per agent, renamed when the name changes', async () => {
    const w1 = { from: '20261122', to: '20261122' };
    const w2 = { from: '20261123', to: '20261123' };
    await writeWindow(wireAnswer(w1, AGENTS), w1, 1, TODAY);
    await writeWindow(wireAnswer(w2, AGENTS), w2, 2, TODAY);
    await writeWindow(
      wireAnswer(w2, [{ ...AGENTS[1]!, name: 'Alberto Ruiz' }, { ...AGENTS[0]! }]),
      w2,
      3,
      TODAY,
    );
    const agents = await listAgents();
    expect(agents.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: '1001', name: 'Ana Gómez' },
      { id: '1002', name: 'Alberto Ruiz' },
    ]);
  });

  it('never stores agent_dni, in any store', async () => {
    const window = { from: '20261120', to: TODAY };
    const answer = wireAnswer(window, [
      { ...AGENTS[0]!, days: { '20261120': 5, [TODAY]: 7 } },
      { ...AGENTS[1]!, days: { '20261121': 9 } },
    ]);
    await writeWindow(answer, window, 1, TODAY);
    await putSecret('token', { iv: new Uint8Array(12), data: new ArrayBuffer(4) });
    const { records } = await dump();
    const text = JSON.stringify(records, (_k, v: unknown) =>
      v instanceof Float64Array ? Array.from(v) : v,
    );
    expect(text).not.toContain('dni');
    for (const dni of ['9274658220', '1122334455']) {
      expect(text).not.toContain(dni);
      // Not as a number in a figure column either.
      expect(text).not.toContain(String(Number(dni)));
    }
  });
});

describe('rebuildStored', () => {
  const TODAY = '20261124';
  const board = (period: 'today' | 'week' | 'month', at: number): BoardRecord => ({
    period,
    window: { from: '20261124', to: '20261124' },
    computedAt: at,
    entries: [{ id: '1001', rank: at }],
  });
  const views = { agentId: '1001', computedAt: 5 } as unknown as Views;
  const AGENTS = [
    { id: '1001', name: 'Ana Gómez', dni: '9274658220', days: {} as Record<string, number> },
    { id: '1002', name: 'Beto Ruiz', dni: '1122334455', days: {} as Record<string, number> },
  ];
  const CARLA = { id: '1003', name: 'Carla Díaz', dni: '5566778899', days: {} };
  /** 18–20 November, stored by an earlier write: Ana and Beto. */
  const earlier = { from: '20261118', to: '20261120' };
  const earlierAnswer = () =>
    wireAnswer(earlier, [
      { ...AGENTS[0]!, days: { '20261118': 10, '20261120': 30 } },
      { ...AGENTS[1]!, days: { '20261119': 20 } },
    ]);
  /** 21–24 November, the sync's last answer: Carla is new, Beto has no figures. */
  const window = { from: '20261121', to: TODAY };
  const last = (): FetchedWindow => ({
    answer: wireAnswer(window, [
      { ...AGENTS[0]!, days: { '20261121': 41, [TODAY]: 44 } },
      { ...AGENTS[1]! },
      { ...CARLA, days: { '20261122': 52 } },
    ]),
    window,
    fetchedAt: 7_000,
  });

  it('stores boards and views, and replaces them on the next rebuild', async () => {
    await rebuild(
      { keepFrom: '20260101', today: TODAY },
      { boards: [board('today', 1), board('week', 1)], views },
    );
    expect(Object.keys(await getBoards()).sort()).toEqual(['today', 'week']);
    expect(await getViews()).toEqual(views);

    await rebuild(
      { keepFrom: '20260101', today: TODAY },
      { boards: [board('today', 2)], views: null },
    );
    resetDbForTests();
    const boards = await getBoards();
    expect(boards.today?.computedAt).toBe(2);
    expect(await getViews()).toBeNull();
  });

  it('leaves the stored boards alone without saveBoards, and still replaces the views', async () => {
    await rebuild({ keepFrom: '20260101', today: TODAY }, { boards: [board('today', 1)], views });
    const newer = { ...views, computedAt: 9 } as Views;
    await rebuild(
      { keepFrom: '20260101', today: TODAY, saveBoards: false },
      { boards: [board('today', 2), board('month', 2)], views: newer },
    );
    resetDbForTests();
    expect(await getBoards()).toEqual({ today: board('today', 1) });
    expect(await getViews()).toEqual(newer);
  });

  it('prunes days before keepFrom from the records and the index, keeping keepFrom', async () => {
    const window = { from: '20261120', to: TODAY };
    await writeWindow(wireAnswer(window, []), window, 1, TODAY);
    const read = await rebuild({ keepFrom: '20261122', today: TODAY });
    expect(read.days.map((d) => d.date)).toEqual(['20261122', '20261123', TODAY]);
    resetDbForTests();
    expect(Object.keys(await getDayIndex()).sort()).toEqual(['20261122', '20261123', TODAY]);
    expect((await getDays('20200101', '20301231')).map((d) => d.date)).toEqual([
      '20261122',
      '20261123',
      TODAY,
    ]);
  });

  it('stores the last window: its days, its new agents, past days final in the index', async () => {
    await writeWindow(earlierAnswer(), earlier, 1_000, TODAY);
    const read = await rebuild({ keepFrom: '20261101', today: TODAY, last: last() });

    // build is handed the earlier days and the window's, oldest first, with every name.
    expect(read.days.map((d) => d.date)).toEqual(eachDay({ from: '20261118', to: TODAY }));
    expect(pointsByDay(read.days)).toEqual({
      '20261118': { '1001': 10 },
      '20261119': { '1002': 20 },
      '20261120': { '1001': 30 },
      '20261121': { '1001': 41 },
      '20261122': { '1003': 52 },
      '20261123': {},
      [TODAY]: { '1001': 44 },
    });
    expect(read.names).toEqual(
      new Map([
        ['1001', 'Ana Gómez'],
        ['1002', 'Beto Ruiz'],
        ['1003', 'Carla Díaz'],
      ]),
    );

    // Another context reads the same.
    resetDbForTests();
    const stored = await getDays('20261101', TODAY);
    expect(pointsByDay(stored)).toEqual(pointsByDay(read.days));
    expect(stored.map((d) => [d.date, d.final, d.fetchedAt]).slice(3)).toEqual([
      ['20261121', true, 7_000],
      ['20261122', true, 7_000],
      ['20261123', true, 7_000],
      [TODAY, false, 7_000],
    ]);
    expect(await getDayIndex()).toEqual({
      '20261118': { final: true, fetchedAt: 1_000 },
      '20261119': { final: true, fetchedAt: 1_000 },
      '20261120': { final: true, fetchedAt: 1_000 },
      '20261121': { final: true, fetchedAt: 7_000 },
      '20261122': { final: true, fetchedAt: 7_000 },
      '20261123': { final: true, fetchedAt: 7_000 },
      [TODAY]: { final: false, fetchedAt: 7_000 },
    });
    const agents = await listAgents();
    expect(agents.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: '1001', name: 'Ana Gómez' },
      { id: '1002', name: 'Beto Ruiz' },
      { id: '1003', name: 'Carla Díaz' },
    ]);
  });

  it('hands build the window’s days as parsed, replacing what was stored for them', async () => {
    const stale = wireAnswer(window, [{ ...AGENTS[0]!, days: { '20261121': 1, [TODAY]: 2 } }]);
    await writeWindow(stale, window, 500, TODAY);
    const fetched = last();
    const read = await rebuild({ keepFrom: '20261101', today: TODAY, last: fetched });
    expect(read.days.map((d) => d.date)).toEqual(eachDay(window));
    // Not read back: the very columns the parser produced.
    expect(read.days.find((d) => d.date === TODAY)!.ids).toBe(
      fetched.answer.days.find((d) => d.date === TODAY)!.ids,
    );
    expect(read.days.map((d) => d.fetchedAt)).toEqual([7_000, 7_000, 7_000, 7_000]);
    expect(pointsByDay(read.days)[TODAY]).toEqual({ '1001': 44 });
  });

  it('hands build the days in date order when the last window is older than those stored', async () => {
    // As in a sync: today and the newer past days first, the oldest window last.
    await writeWindow(
      wireAnswer(window, [{ ...AGENTS[0]!, days: { [TODAY]: 44 } }]),
      window,
      1,
      TODAY,
    );
    const oldest: FetchedWindow = { answer: earlierAnswer(), window: earlier, fetchedAt: 2 };
    const read = await rebuild({ keepFrom: '20261101', today: TODAY, last: oldest });
    expect(read.days.map((d) => d.date)).toEqual(eachDay({ from: '20261118', to: TODAY }));
    expect(pointsByDay(read.days)).toMatchObject({
      '20261118': { '1001': 10 },
      [TODAY]: { '1001': 44 },
    });
  });

  it('after everything was cleared, hands build the window’s days and agents alone', async () => {
    await writeWindow(earlierAnswer(), earlier, 1_000, TODAY);
    await clearAll();
    const read = await rebuild({ keepFrom: '20261101', today: TODAY, last: last() });
    expect(read.days.map((d) => d.date)).toEqual(eachDay(window));
    expect([...read.names.values()].sort()).toEqual(['Ana Gómez', 'Beto Ruiz', 'Carla Díaz']);
    expect(read.previous).toEqual({});
    resetDbForTests();
    expect((await listAgents()).map((a) => a.name).sort()).toEqual([
      'Ana Gómez',
      'Beto Ruiz',
      'Carla Díaz',
    ]);
  });

  it('hands build the boards stored before, not those it is about to store', async () => {
    await rebuild({ keepFrom: '20260101', today: TODAY }, { boards: [board('today', 1)], views });
    const read = await rebuild(
      { keepFrom: '20260101', today: TODAY, last: last() },
      { boards: [board('today', 2), board('week', 2)], views },
    );
    expect(read.previous).toEqual({ today: board('today', 1) });
    const next = await rebuild({ keepFrom: '20260101', today: TODAY });
    expect(next.previous).toEqual({ today: board('today', 2), week: board('week', 2) });
  });

  it('when build throws: rejects with its error, stores the window, keeps boards and views', async () => {
    await writeWindow(earlierAnswer(), earlier, 1_000, TODAY);
    await rebuild({ keepFrom: '20261101', today: TODAY }, { boards: [board('today', 1)], views });
    const failure = new Error('leaderboard failed');
    await expect(
      rebuild({ keepFrom: '20261101', today: TODAY, last: last() }, failure),
    ).rejects.toBe(failure);

    resetDbForTests();
    const stored = await getDays('20261101', TODAY);
    expect(stored.map((d) => d.date)).toEqual(eachDay({ from: '20261118', to: TODAY }));
    expect(pointsByDay(stored)['20261122']).toEqual({ '1003': 52 });
    expect((await getDayIndex())[TODAY]).toEqual({ final: false, fetchedAt: 7_000 });
    expect((await listAgents()).map((a) => a.id).sort()).toEqual(['1001', '1002', '1003']);
    expect(await getBoards()).toEqual({ today: board('today', 1) });
    expect(await getViews()).toEqual(views);
  });
});

describe('clearAll', () => {
  it('empties every store', async () => {
    const window = { from: '20261123', to: '20261124' };
    await writeWindow(
      wireAnswer(window, [{ id: '1001', name: 'Ana', dni: '1', days: { '20261124': 3 } }]),
      window,
      1,
      '20261124',
    );
    await rebuild(
      { keepFrom: '20261101', today: '20261124' },
      {
        boards: [{ period: 'today', window, computedAt: 1, entries: [] }],
        views: { agentId: '1001' } as unknown as Views,
      },
    );
    await putSecret('token', { sealed: true });
    expect((await dump()).records.length).toBeGreaterThan(0);

    await clearAll();
    const { stores, records } = await dump();
    expect(stores.sort()).toEqual(['boards', 'days', 'meta', 'secrets']);
    expect(records).toEqual([]);
    expect(await getDayIndex()).toEqual({});
    expect(await getViews()).toBeNull();
    expect(await listAgents()).toEqual([]);
  });
});
