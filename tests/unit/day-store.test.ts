import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DayBuilder, rowsOf, storedValues, toDayRecord } from '../../utils/day-records';
import {
  DB_NAME,
  clearAll,
  getDayIndex,
  getDays,
  openPodioDb,
  rebuildStored,
  resetDbForTests,
  writeWindow,
  type BoardRecord,
  type StoredFigures,
} from '../../utils/db';
import type { AgentDay, FetchedWindow, Kpis, ParsedAnswer } from '../../utils/model';
import { ZERO } from '../../utils/ranking';
import { noSkips } from '../../utils/wolkvox/parse';

beforeEach(() => {
  resetDbForTests();
  globalThis.indexedDB = new IDBFactory();
});

const TODAY = '20261124';
const WINDOW = { from: '20261123', to: TODAY };
const row = (agentId: string, date: string, more: Partial<Kpis> = {}): AgentDay => ({
  ...ZERO,
  agentId,
  date,
  ...more,
});

function answerOf(rows: AgentDay[]): ParsedAnswer {
  const dates = [...new Set(rows.map((r) => r.date))].sort();
  return {
    agents: [...new Set(rows.map((r) => r.agentId))].map((id) => ({ id, name: `Agent ${id}` })),
    days: dates.map((date) => {
      const { ids, values } = toDayRecord(
        date,
        rows.filter((r) => r.date === date),
        false,
        0,
      );
      return { date, ids, values };
    }),
    skipped: noSkips(),
    refused: [],
  };
}

/**
 * A rebuild that stores nothing of its own (no boards, no views) and keeps days from `keepFrom`;
 * it resolves to what `build` was handed.
 */
async function rebuildFrom(
  keepFrom: string,
  last: FetchedWindow | null = null,
): Promise<StoredFigures> {
  let seen: StoredFigures | null = null;
  await rebuildStored({ keepFrom, today: TODAY, last, saveBoards: false }, (figures) => {
    seen = figures;
    return { boards: [], views: null };
  });
  return seen!;
}

/** What another context (a page, a newer worker) reads: a fresh connection, nothing in memory. */
async function readElsewhere(from: string, to: string) {
  resetDbForTests();
  return getDays(from, to);
}

describe('days handed from a write to the next read', () => {
  const answer = answerOf([
    row('1001', '20261123', { points: 10, loginSec: 60 }),
    row('1001', TODAY, { points: 20, occupancy: 35.5, loginSec: 60 }),
    row('1002', TODAY, { points: 7, loginSec: 120 }),
  ]);

  it('are the days just written, and equal to what is stored', async () => {
    await writeWindow(answer, WINDOW, 5, TODAY);
    const handed = await getDays(WINDOW.from, WINDOW.to);
    // Not read back: the very columns the parser produced.
    expect(handed.map((d) => d.ids)).toEqual(answer.days.map((d) => d.ids));
    expect(handed[1]!.ids).toBe(answer.days[1]!.ids);
    expect(await readElsewhere(WINDOW.from, WINDOW.to)).toEqual(handed);
  });

  it('are handed over once; the next read reads what is stored', async () => {
    await writeWindow(answer, WINDOW, 5, TODAY);
    await getDays(WINDOW.from, WINDOW.to);
    const again = await getDays(WINDOW.from, WINDOW.to);
    expect(again[1]!.ids).not.toBe(answer.days[1]!.ids);
    expect(rowsOf(again)).toEqual(rowsOf(answer.days));
  });

  it('give way to a day another connection stored since', async () => {
    await writeWindow(answer, WINDOW, 5, TODAY);
    const other = await openDB(DB_NAME);
    const elsewhere = toDayRecord(TODAY, [row('1003', TODAY, { points: 99 })], false, 6);
    const tx = other.transaction(['days', 'meta'], 'readwrite');
    const index = (await tx.objectStore('meta').get('dayIndex')) as Record<string, object>;
    await Promise.all([
      tx.objectStore('days').put({ ...elsewhere, ids: '1003' }),
      tx.objectStore('meta').put({ ...index, [TODAY]: { final: false, fetchedAt: 6 } }, 'dayIndex'),
      tx.done,
    ]);
    other.close();
    const [, today] = await getDays(WINDOW.from, WINDOW.to);
    expect(rowsOf([today!])).toEqual([row('1003', TODAY, { points: 99 })]);
  });

  it('come with the names and the last boards in what a rebuild reads', async () => {
    const board: BoardRecord = {
      ...{ period: 'today', window: WINDOW, computedAt: 5 },
      entries: [{ id: '1002', rank: 1 }],
    };
    await rebuildStored(
      { keepFrom: WINDOW.from, today: TODAY, last: null, saveBoards: true },
      () => ({
        boards: [board],
        views: null,
      }),
    );
    await writeWindow(answer, WINDOW, 5, TODAY);
    const read = await rebuildFrom(WINDOW.from);
    expect(read.days.map((d) => d.date)).toEqual([WINDOW.from, TODAY]);
    expect(read.days[1]!.ids).toBe(answer.days[1]!.ids);
    expect(read.names).toEqual(
      new Map([
        ['1001', 'Agent 1001'],
        ['1002', 'Agent 1002'],
      ]),
    );
    expect(read.previous).toEqual({ today: board });
    resetDbForTests();
    const elsewhere = await rebuildFrom(WINDOW.from);
    expect(elsewhere.days[1]!.ids).not.toBe(answer.days[1]!.ids);
    expect(elsewhere).toEqual(read);
  });

  it('are forgotten when everything is cleared', async () => {
    await writeWindow(answer, WINDOW, 5, TODAY);
    await clearAll();
    expect(await getDays(WINDOW.from, WINDOW.to)).toEqual([]);
  });
});

describe('the day index a rebuild saves', () => {
  const answer = answerOf([row('1001', '20261123'), row('1001', TODAY, { points: 3 })]);
  /** Every put of the day index the database receives, from any connection. */
  let indexPuts: unknown[];
  beforeEach(() => {
    indexPuts = [];
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      value: unknown,
      key?: IDBValidKey,
    ) {
      if (key === 'dayIndex') indexPuts.push(structuredClone(value));
      return put.call(this, value, key);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('is left as it is when nothing is pruned and no window is stored', async () => {
    await writeWindow(answer, WINDOW, 5, TODAY);
    const before = await getDayIndex();
    indexPuts = [];
    const read = await rebuildFrom('20261101');
    expect(read.days.map((d) => d.date)).toEqual(['20261123', TODAY]);
    expect(indexPuts).toEqual([]);
    expect(await getDayIndex()).toEqual(before);
    resetDbForTests();
    expect((await getDays('20261101', TODAY)).map((d) => d.date)).toEqual(['20261123', TODAY]);
  });

  it('loses the days older than those kept, with their records, keeping keepFrom', async () => {
    await writeWindow(answer, WINDOW, 5, TODAY);
    indexPuts = [];
    const read = await rebuildFrom(TODAY);
    expect(read.days.map((d) => d.date)).toEqual([TODAY]);
    expect(indexPuts).toEqual([{ [TODAY]: { final: false, fetchedAt: 5 } }]);
    resetDbForTests();
    expect(Object.keys(await getDayIndex())).toEqual([TODAY]);
    expect((await getDays('20261101', TODAY)).map((d) => d.date)).toEqual([TODAY]);
  });

  it('gains the days of a window stored with the rebuild', async () => {
    await writeWindow(answer, WINDOW, 5, TODAY);
    indexPuts = [];
    const later = answerOf([row('1001', TODAY, { points: 8 })]);
    await rebuildFrom('20261101', {
      answer: later,
      window: { from: TODAY, to: TODAY },
      fetchedAt: 9,
    });
    expect(indexPuts).toHaveLength(1);
    resetDbForTests();
    expect(await getDayIndex()).toEqual({
      '20261123': { final: true, fetchedAt: 5 },
      [TODAY]: { final: false, fetchedAt: 9 },
    });
    expect(rowsOf(await getDays(TODAY, TODAY))).toEqual([row('1001', TODAY, { points: 8 })]);
  });
});

describe('figures stored in the narrowest exact typed array', () => {
  it.each<[string, number[], string]>([
    ['whole numbers under 65,536', [0, 1, 65_535], 'Uint16Array'],
    ['a login of more than 18 hours', [0, 65_536], 'Uint32Array'],
    ['the largest 32-bit count', [4_294_967_295], 'Uint32Array'],
    ['a count past 32 bits', [4_294_967_296], 'Float64Array'],
    ['a decimal occupancy', [35.5, 1], 'Float64Array'],
    ['a negative zero', [-0, 1], 'Float64Array'],
  ])('keeps %s exactly', (_label, numbers, kind) => {
    const stored = storedValues(Float64Array.from(numbers));
    expect(stored.constructor.name).toBe(kind);
    expect([...stored]).toEqual(numbers);
  });

  it('stores only its part of a larger buffer', () => {
    const whole = Float64Array.from([1.5, 2, 3, 4]);
    const stored = storedValues(whole.subarray(0, 2));
    expect(stored.buffer.byteLength).toBe(16);
    expect([...stored]).toEqual([1.5, 2]);
    const narrow = storedValues(Uint16Array.from([1, 2, 3, 4]).subarray(1, 3));
    expect(narrow.buffer.byteLength).toBe(4);
    expect([...narrow]).toEqual([2, 3]);
  });

  it('reads back every figure as written, in a context that did not write it', async () => {
    const rows = [
      row('1001', TODAY, { points: 999_999_999_999, calls: 31, ahtSec: 250 }),
      row('1002', TODAY, { points: 120, occupancy: 48.5, acwSec: 15 }),
      row('1001', '20261123', { points: 430, hits: 2, loginSec: 100_000 }),
      row('1002', '20261123', { points: 5, loginSec: 28_800 }),
    ];
    await writeWindow(answerOf(rows), WINDOW, 5, TODAY);
    const days = await readElsewhere(WINDOW.from, WINDOW.to);
    expect(rowsOf(days)).toEqual(rowsOf(answerOf(rows).days));
    const db = await openDB(DB_NAME);
    const kinds = (await db.getAll('days')).map((d) => (d as { values: object }).values);
    db.close();
    expect(kinds.map((v) => v.constructor.name)).toEqual(['Uint32Array', 'Float64Array']);
  });

  it('reads a day that version 3 stored as a Float64Array', async () => {
    await openPodioDb();
    const day = toDayRecord(TODAY, [row('1001', TODAY, { points: 3, occupancy: 50 })], false, 1);
    const db = await openDB(DB_NAME);
    await db.put('days', { ...day, ids: '1001' });
    await db.put('meta', { [TODAY]: { final: false, fetchedAt: 1 } }, 'dayIndex');
    db.close();
    expect(await readElsewhere(TODAY, TODAY)).toEqual([day]);
  });
});

describe('DayBuilder', () => {
  it('grows past the room it was given without losing a row', () => {
    const day = new DayBuilder(TODAY, 1);
    for (let i = 0; i < 5; i++) day.add(String(i), i, 1, 2, 3, 4, 5, 6);
    const done = day.done();
    expect(done.ids).toEqual(['0', '1', '2', '3', '4']);
    expect(rowsOf([done])[4]).toEqual({
      agentId: '4',
      date: TODAY,
      ...{ points: 4, hits: 1, calls: 2, ahtSec: 3, acwSec: 4, occupancy: 5, loginSec: 6 },
    });
  });

  it.each<[string, number, number, string]>([
    ['whole numbers under 65,536', 65_535, 35, 'Uint16Array'],
    ['a login of more than 18 hours', 65_536, 35, 'Uint32Array'],
    ['a count past 32 bits', 4_294_967_296, 35, 'Float64Array'],
    ['a decimal occupancy', 1, 35.5, 'Float64Array'],
    ['a negative zero', 1, -0, 'Float64Array'],
  ])('keeps %s exactly, the rows before them too', (_label, login, occupancy, kind) => {
    const day = new DayBuilder(TODAY, 1);
    day.add('1', 7, 1, 2, 3, 4, 50, 60);
    day.add('2', 8, 1, 2, 3, 4, occupancy, login);
    day.add('3', 9, 1, 2, 3, 4, 50, 60);
    const done = day.done();
    expect(done.values.constructor.name).toBe(kind);
    expect(rowsOf([done]).map((r) => [r.points, r.occupancy, r.loginSec])).toEqual([
      [7, 50, 60],
      [8, occupancy, login],
      [9, 50, 60],
    ]);
    expect(Object.is(rowsOf([done])[1]!.occupancy, occupancy)).toBe(true);
  });
});
