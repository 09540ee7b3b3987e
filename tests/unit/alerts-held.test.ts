import { describe, expect, it } from 'vitest';
import {
  HOLD_MAX_MS,
  INITIAL_ALERT_STATE,
  THROTTLE_MS,
  decideAlert,
  type AlertEvent,
  type AlertScope,
  type AlertState,
} from '../../utils/alerts';
import type { PrivacyMode } from '../../utils/model';

const TODAY = '20261124';
const T0 = Date.UTC(2026, 10, 24, 15);
const MIN = 60_000;
const state = (over: Partial<AlertState> = {}): AlertState => ({
  ...INITIAL_ALERT_STATE,
  lastSyncDay: TODAY,
  ...over,
});
const up = (from: number, to: number): AlertEvent => ({ kind: 'up', from, to });
const passed = (by: string | null, from: number, to: number): AlertEvent => ({
  kind: 'passed',
  by,
  from,
  to,
});
const scope = (over: Partial<AlertScope> = {}): AlertScope => ({
  period: 'today',
  agentId: 'me',
  privacy: 'full',
  ...over,
});

describe('changes held by the throttle', () => {
  /** Held 5 minutes after T0: #9 → #11, passed by two colleagues named in full. */
  function heldByBeto(): AlertState {
    const start = state({ lastNotifiedAt: T0 });
    const events = [passed('Beto Ruiz Díaz', 9, 11), passed('Carla Díaz', 9, 11)];
    const held = decideAlert(start, events, T0 + 5 * MIN, TODAY, scope()).state;
    expect(held.pending).toMatchObject({
      from: 9,
      to: 11,
      names: ['Beto Ruiz Díaz', 'Carla Díaz'],
    });
    return held;
  }

  it.each<[PrivacyMode, AlertScope['privacy']]>([
    ['full', 'initial'],
    ['full', 'anonymous'],
    ['full', 'own'],
  ])('names nobody held under privacy %s once the setting is %s: they are counted', (_, now) => {
    const { notify } = decideAlert(heldByBeto(), [], T0 + 15 * MIN, TODAY, scope({ privacy: now }));
    expect(notify).toEqual([
      { key: 'alertMovedDown', subs: ['11', '9'] },
      { key: 'alertPassedCount', subs: ['2'] },
      { key: 'alertLeftTop', subs: ['10'] },
    ]);
  });

  it('drops a hold grown stale (alerts off and on again, a lost flush): only new changes go', () => {
    const hoursLater = T0 + 3 * 60 * MIN;
    const d = decideAlert(heldByBeto(), [up(6, 4)], hoursLater, TODAY, scope());
    expect(d.notify).toEqual([{ key: 'alertMovedUp', subs: ['4', '6'] }]);
    expect(decideAlert(heldByBeto(), [], hoursLater, TODAY, scope()).notify).toBeNull();
    // Up to the throttle plus the longest sync interval, a hold is still told.
    expect(HOLD_MAX_MS).toBe(THROTTLE_MS + 30 * MIN);
    const late = T0 + 5 * MIN + HOLD_MAX_MS;
    expect(decideAlert(heldByBeto(), [], late, TODAY, scope()).notify).not.toBeNull();
    expect(decideAlert(heldByBeto(), [], late + 1, TODAY, scope()).notify).toBeNull();
  });

  it('drops what was held in another period when the agent switches tabs', () => {
    const held = state({ lastNotifiedAt: T0, period: 'week' });
    const a = decideAlert(held, [up(9, 7)], T0 + 5 * MIN, TODAY, scope({ period: 'week' }));
    expect(a.state).toMatchObject({ period: 'week', pending: { from: 9, to: 7 } });
    // In the month the week's #9 → #7 means nothing: only the month's own change is told.
    const b = decideAlert(a.state, [up(20, 18)], T0 + 16 * MIN, TODAY, scope({ period: 'month' }));
    expect(b.notify).toEqual([{ key: 'alertMovedUp', subs: ['18', '20'] }]);
    expect(b.state).toMatchObject({
      period: 'month',
      pending: null,
      lastNotifiedAt: T0 + 16 * MIN,
    });
    // A state stored before periods were kept still delivers what it holds.
    const old = state({ lastNotifiedAt: T0, pending: { from: 9, to: 7, names: [], others: 0 } });
    expect(decideAlert(old, [], T0 + 15 * MIN, TODAY, scope()).notify).toEqual([
      { key: 'alertMovedUp', subs: ['7', '9'] },
    ]);
  });
});
