import { describe, expect, it } from 'vitest';
import {
  INITIAL_ALERT_STATE,
  THROTTLE_MS,
  alertLines,
  decideAlert,
  flushAt,
  diffBoards,
  type AlertEvent,
  type AlertState,
} from '../../utils/alerts';
import type { PrivacyMode } from '../../utils/model';
import type { BoardEntry } from '../../utils/ranking';

const TODAY = '20261124';
const NAMES = new Map([
  ['me', 'Ana Gómez'],
  ['b', 'Beto Ruiz Díaz'],
  ['c', 'Carla Díaz'],
]);

/** A board from [id, points] in display order, ranked as rankBoard ranks (ties share). */
function board(...rows: [string, number][]): BoardEntry[] {
  const zero = { hits: 0, calls: 0, ahtSec: 0, acwSec: 0, occupancy: 0, loginSec: 60 };
  return rows.map(([id, points], i) => ({
    ...zero,
    id,
    points,
    rank: 1 + rows.slice(0, i).filter(([, p]) => p > points).length,
  }));
}
/** Filler agents x0…x(n-1) with descending points from `top`. */
const filler = (n: number, top: number): [string, number][] =>
  Array.from({ length: n }, (_, i) => [`x${i}`, top - i]);

const diff = (prev: BoardEntry[], next: BoardEntry[], privacy: PrivacyMode = 'full') =>
  diffBoards(prev, next, 'me', NAMES, privacy);

describe('diffBoards', () => {
  it('reports moving up, with the ranks before and after', () => {
    const prev = board(['b', 50], ['c', 40], ['me', 30]);
    const next = board(['b', 50], ['me', 45], ['c', 40]);
    expect(diff(prev, next)).toEqual([{ kind: 'up', from: 3, to: 2 }]);
  });

  it.each<[PrivacyMode, string | null]>([
    ['full', 'Beto Ruiz Díaz'],
    ['initial', 'Beto D.'],
    ['anonymous', null],
    ['own', null],
  ])('names who passed you as privacy %s allows', (privacy, by) => {
    const prev = board(['c', 90], ['me', 50], ['b', 40]);
    const next = board(['c', 90], ['b', 60], ['me', 50]);
    expect(diff(prev, next, privacy)).toEqual([{ kind: 'passed', by, from: 2, to: 3 }]);
  });

  it('counts a colleague new on the board, or one you were tied with, as passing you', () => {
    const prev = board(['c', 50], ['me', 50]);
    const next = board(['b', 70], ['c', 60], ['me', 50]);
    expect(diff(prev, next).map((e) => e.kind === 'passed' && e.by)).toEqual([
      'Beto Ruiz Díaz',
      'Carla Díaz',
    ]);
  });

  it('does not count someone who was already ahead', () => {
    const prev = board(['c', 50], ['me', 40]);
    const next = board(['c', 80], ['me', 45]);
    expect(diff(prev, next)).toEqual([]);
  });

  /** Boards where the agent goes from rank `from` to rank `to` among 15 others. */
  function moving(from: number, to: number): [BoardEntry[], BoardEntry[]] {
    const others = filler(15, 1000);
    const withMe = (rank: number) =>
      board(
        ...[...others, ['me', 1000 - rank + 1.5] as [string, number]].sort((a, b) => b[1] - a[1]),
      );
    return [withMe(from), withMe(to)];
  }

  it.each<[number, number, [string, number][]]>([
    [4, 3, [['enter', 3]]],
    [11, 9, [['enter', 10]]],
    [
      12,
      2,
      [
        ['enter', 3],
        ['enter', 10],
      ],
    ],
    [3, 4, [['leave', 3]]],
    [10, 11, [['leave', 10]]],
    [
      2,
      12,
      [
        ['leave', 3],
        ['leave', 10],
      ],
    ],
    [6, 5, []],
    [14, 12, []],
  ])('#%i → #%i crosses %j', (from, to, tiers) => {
    const events = diff(...moving(from, to));
    const crossed = events.flatMap((e) =>
      e.kind === 'enter' || e.kind === 'leave' ? [[e.kind, e.tier]] : [],
    );
    expect(crossed).toEqual(tiers);
    // Up is one event; down is one "passed" per colleague now ahead (unnamed: no name stored).
    if (to < from) expect(events.filter((e) => e.kind === 'up')).toHaveLength(1);
    else expect(events.filter((e) => e.kind === 'passed')).toHaveLength(to - from);
    expect(events.every((e) => e.from === from && e.to === to)).toBe(true);
  });

  it('says nothing when the agent is on only one of the boards', () => {
    expect(diff(board(['b', 10]), board(['b', 20], ['me', 5]))).toEqual([]);
  });
});

const state = (over: Partial<AlertState> = {}): AlertState => ({
  ...INITIAL_ALERT_STATE,
  lastSyncDay: TODAY,
  ...over,
});
const T0 = Date.UTC(2026, 10, 24, 15);
const MIN = 60_000;
const up = (from: number, to: number): AlertEvent => ({ kind: 'up', from, to });
const passed = (by: string | null, from: number, to: number): AlertEvent => ({
  kind: 'passed',
  by,
  from,
  to,
});

describe('decideAlert', () => {
  it('stays quiet on the first sync of the day, and drops what was pending', () => {
    const pending = { from: 5, to: 4, names: [], others: 0 };
    const { state: next, notify } = decideAlert(
      state({ lastSyncDay: '20261123', pending }),
      [up(4, 1)],
      T0,
      TODAY,
    );
    expect(notify).toBeNull();
    expect(next).toEqual({ lastNotifiedAt: null, pending: null, lastSyncDay: TODAY });
    // The very first sync ever is a first sync of the day too.
    expect(decideAlert(INITIAL_ALERT_STATE, [up(4, 1)], T0, TODAY).notify).toBeNull();
  });

  it('notifies a change at once when nothing was notified for 15 minutes', () => {
    const { state: next, notify } = decideAlert(state(), [up(6, 4)], T0, TODAY);
    expect(notify).toEqual([{ key: 'alertMovedUp', subs: ['4', '6'] }]);
    expect(next).toMatchObject({ lastNotifiedAt: T0, pending: null });
  });

  it('says nothing when nothing changed', () => {
    expect(decideAlert(state(), [], T0, TODAY)).toEqual({ state: state(), notify: null });
  });

  it.each([
    [14 * MIN + 59_999, false],
    [15 * MIN, true],
  ])('throttles: %i ms after the last alert notifies = %s', (after, notifies) => {
    const last = state({ lastNotifiedAt: T0 });
    const { notify } = decideAlert(last, [up(6, 4)], T0 + after, TODAY);
    expect(notify !== null).toBe(notifies);
    expect(THROTTLE_MS).toBe(15 * MIN);
  });

  it('groups what happened while throttled into the next notification', () => {
    let s = state({ lastNotifiedAt: T0 });
    const steps: [number, AlertEvent[]][] = [
      [T0 + 5 * MIN, [up(12, 9), { kind: 'enter', tier: 10, from: 12, to: 9 }]],
      [T0 + 10 * MIN, [passed('Beto R.', 9, 11), passed(null, 9, 11)]],
      [T0 + 12 * MIN, [up(11, 8), passed('Beto R.', 8, 8)]],
      // Nothing new at this sync, but the throttle is over: the pending summary goes out.
      [T0 + 16 * MIN, []],
    ];
    const sent = steps.map(([at, events]) => {
      const d = decideAlert(s, events, at, TODAY);
      s = d.state;
      return d.notify;
    });
    expect(sent.slice(0, 3)).toEqual([null, null, null]);
    expect(sent[3]).toEqual([
      { key: 'alertMovedUp', subs: ['8', '12'] },
      { key: 'alertPassedBy', subs: ['Beto R.'] },
      { key: 'alertPassedMore', subs: ['1'] },
      { key: 'alertEnteredTop', subs: ['10'] },
    ]);
    expect(s).toEqual({ lastNotifiedAt: T0 + 16 * MIN, pending: null, lastSyncDay: TODAY });
  });
});

describe('flushAt', () => {
  it('is the throttle’s end while changes wait, and null otherwise', () => {
    const pending = { from: 5, to: 4, names: [], others: 0 };
    expect(flushAt(state({ lastNotifiedAt: T0, pending }))).toBe(T0 + THROTTLE_MS);
    expect(flushAt(state({ lastNotifiedAt: T0 }))).toBeNull();
    expect(flushAt(state({ pending }))).toBeNull();
  });
});

describe('alertLines', () => {
  it.each([
    [
      { from: 2, to: 5, names: [], others: 3 },
      ['alertMovedDown', 'alertPassedCount', 'alertLeftTop:3'],
    ],
    [
      { from: 9, to: 12, names: ['Ana'], others: 0 },
      ['alertMovedDown', 'alertPassedByOne', 'alertLeftTop:10'],
    ],
    [{ from: 12, to: 14, names: ['Ana', 'Beto'], others: 0 }, ['alertMovedDown', 'alertPassedBy']],
    [{ from: 4, to: 2, names: [], others: 0 }, ['alertMovedUp', 'alertEnteredTop:3']],
    [{ from: 4, to: 4, names: [], others: 1 }, ['alertPassedCount']],
    [{ from: 4, to: 4, names: [], others: 0 }, []],
  ])('%j → %j', (pending, keys) => {
    const lines = alertLines(pending).map((l) =>
      l.key.endsWith('Top') ? `${l.key}:${l.subs[0]}` : l.key,
    );
    expect(lines).toEqual(keys);
  });
});
