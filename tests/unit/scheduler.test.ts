import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  alarmOffsetItem,
  scheduleItem,
  settingsItem,
  type IntervalMin,
} from '../../utils/settings';
import { ALARM, IDLE_AFTER_SEC, ensureAlarm, registerScheduler } from '../../utils/sync/scheduler';
import { nextTick } from '../../utils/sync/phase';

const MIN = 60_000;
// 2026-11-24 10:31:17.250 UTC: deliberately not on any minute boundary.
const NOW = Date.UTC(2026, 10, 24, 10, 31, 17, 250);

/** Offsets are stored in milliseconds; the cases read better in seconds. */
const sec = (s: number) => s * 1000;

describe('nextTick', () => {
  it.each<[number, number]>([
    [5, 0],
    [5, 1],
    [5, 299],
    [5, 1_799],
    [10, 42],
    [15, 600],
    [30, 0],
    [30, 1_799],
  ])('every %i min with a %i s offset: after now, within one period, on phase', (interval, off) => {
    const period = interval * MIN;
    const next = nextTick(NOW, interval, sec(off));
    expect(next).toBeGreaterThan(NOW);
    expect(next - NOW).toBeLessThanOrEqual(period);
    expect((((next - off * 1000) % period) + period) % period).toBe(0);
  });

  it('gives worked examples', () => {
    const at = Date.UTC(2026, 10, 24, 10, 31, 0);
    // No offset: the next 5-minute mark.
    expect(nextTick(at, 5, sec(0))).toBe(Date.UTC(2026, 10, 24, 10, 35, 0));
    // 2 min 30 s offset: …:32:30.
    expect(nextTick(at, 5, sec(150))).toBe(Date.UTC(2026, 10, 24, 10, 32, 30));
    // An offset longer than the period wraps: 7 min on a 5-min period is a 2-min phase.
    expect(nextTick(at, 5, sec(420))).toBe(Date.UTC(2026, 10, 24, 10, 32, 0));
    // 30-minute period, 20-minute offset: …:50.
    expect(nextTick(at, 30, sec(1_200))).toBe(Date.UTC(2026, 10, 24, 10, 50, 0));
  });

  it('is stable across restarts: any instant in the same slot gives the same tick', () => {
    const first = nextTick(NOW, 10, sec(77));
    for (let t = first - 10 * MIN + 1; t < first; t += 37_123) {
      expect(nextTick(t, 10, sec(77))).toBe(first);
    }
  });

  it('spreads installs: different offsets give different ticks in the same period', () => {
    const ticks = new Set([0, 60, 120, 180, 240].map((off) => nextTick(NOW, 5, sec(off))));
    expect(ticks.size).toBe(5);
  });
});

describe('ensureAlarm', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function configure(intervalMin: IntervalMin, offsetSec: number | null) {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, intervalMin });
    await alarmOffsetItem.setValue(offsetSec === null ? null : sec(offsetSec));
  }

  it('creates the alarm with the chosen period, on this install’s phase, and records it', async () => {
    await configure(15, 200);
    await ensureAlarm();
    const alarm = await fakeBrowser.alarms.get(ALARM);
    expect(alarm?.periodInMinutes).toBe(15);
    expect(alarm?.scheduledTime).toBe(nextTick(NOW, 15, sec(200)));
    expect((await scheduleItem.getValue()).nextSyncAt).toBe(alarm?.scheduledTime);
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
  });

  it('picks and keeps a random offset under 30 minutes when none is stored', async () => {
    await configure(5, null);
    await ensureAlarm();
    const offset = await alarmOffsetItem.getValue();
    expect(offset).not.toBeNull();
    expect(Number.isInteger(offset)).toBe(true);
    expect(offset!).toBeGreaterThanOrEqual(0);
    expect(offset!).toBeLessThan(30 * 60_000);
    const alarm = await fakeBrowser.alarms.get(ALARM);
    expect(alarm?.scheduledTime).toBe(nextTick(NOW, 5, offset!));

    await ensureAlarm(true);
    expect(await alarmOffsetItem.getValue()).toBe(offset);
  });

  it('leaves an alarm with the right period alone (a restart must not postpone it)', async () => {
    await configure(10, 30);
    await ensureAlarm();
    const before = await fakeBrowser.alarms.get(ALARM);
    vi.setSystemTime(NOW + 4 * MIN);
    await ensureAlarm();
    expect(await fakeBrowser.alarms.get(ALARM)).toEqual(before);
  });

  it('re-creates the alarm when the interval changed', async () => {
    await configure(5, 30);
    await ensureAlarm();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, intervalMin: 30 });
    await ensureAlarm();
    const alarm = await fakeBrowser.alarms.get(ALARM);
    expect(alarm?.periodInMinutes).toBe(30);
    expect(alarm?.scheduledTime).toBe(nextTick(NOW, 30, sec(30)));
    expect((await scheduleItem.getValue()).nextSyncAt).toBe(alarm?.scheduledTime);
  });

  it('re-creates a one-shot alarm of the same name as a periodic one', async () => {
    await configure(5, 30);
    await fakeBrowser.alarms.create(ALARM, { when: NOW + 1_000 });
    await ensureAlarm();
    expect((await fakeBrowser.alarms.get(ALARM))?.periodInMinutes).toBe(5);
  });

  it('force re-creates it from the current time', async () => {
    await configure(5, 30);
    await ensureAlarm();
    const later = NOW + 17 * MIN;
    vi.setSystemTime(later);
    await ensureAlarm(true);
    const alarm = await fakeBrowser.alarms.get(ALARM);
    expect(alarm?.scheduledTime).toBe(nextTick(later, 5, sec(30)));
    expect(alarm?.periodInMinutes).toBe(5);
  });
});

describe('registerScheduler', () => {
  type IdleState = 'active' | 'idle' | 'locked';
  let idleState: IdleState;
  let idleListeners: ((state: IdleState) => Promise<void> | void)[];

  beforeEach(async () => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    idleState = 'active';
    idleListeners = [];
    // The fake browser has no idle API: a minimal one that the test drives.
    Object.assign(fakeBrowser.idle, {
      setDetectionInterval: vi.fn(),
      queryState: vi.fn(async () => idleState),
      onStateChanged: {
        addListener: (fn: (state: IdleState) => Promise<void>) => idleListeners.push(fn),
      },
    });
    await settingsItem.setValue({
      ...DEFAULT_SETTINGS,
      server: '0032',
      hasToken: true,
      agentId: '1001',
    });
    await alarmOffsetItem.setValue(sec(60));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const fireAlarm = (name = ALARM) =>
    fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: Date.now() });
  const becomeIdle = async (state: IdleState) => {
    idleState = state;
    await Promise.all(idleListeners.map((fn) => fn(state)));
  };

  it('asks for the 30-minute idle threshold and arms the alarm', async () => {
    registerScheduler(vi.fn(async () => undefined));
    expect(fakeBrowser.idle.setDetectionInterval).toHaveBeenCalledWith(IDLE_AFTER_SEC);
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(ALARM)).toBeDefined());
  });

  it('syncs on its alarm while the agent is active, and only on its own alarm', async () => {
    const tick = vi.fn(async () => undefined);
    registerScheduler(tick);
    await fireAlarm('someone-elses-alarm');
    expect(tick).not.toHaveBeenCalled();
    await fireAlarm();
    expect(tick).toHaveBeenCalledTimes(1);
  });

  it('does not sync before the settings are complete', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, server: '0032', hasToken: true });
    const tick = vi.fn(async () => undefined);
    registerScheduler(tick);
    await fireAlarm();
    expect(tick).not.toHaveBeenCalled();
  });

  it.each<IdleState>(['idle', 'locked'])(
    'skips the tick while %s, then syncs once when the agent is back',
    async (away) => {
      const tick = vi.fn(async () => undefined);
      registerScheduler(tick);
      idleState = away;
      await fireAlarm();
      await fireAlarm();
      expect(tick).not.toHaveBeenCalled();
      expect((await scheduleItem.getValue()).missedWhileIdle).toBe(true);

      await becomeIdle('active');
      expect(tick).toHaveBeenCalledTimes(1);
      expect((await scheduleItem.getValue()).missedWhileIdle).toBe(false);
      // Coming back again without a missed tick in between does not sync again.
      await becomeIdle('locked');
      await becomeIdle('active');
      expect(tick).toHaveBeenCalledTimes(1);
    },
  );

  it('forgets a tick missed before the browser closed once an alarm has synced since', async () => {
    // Closed while locked: the flag outlived the browser.
    await scheduleItem.setValue({ nextSyncAt: null, missedWhileIdle: true });
    const tick = vi.fn(async () => undefined);
    registerScheduler(tick);
    await fireAlarm();
    expect(tick).toHaveBeenCalledTimes(1);
    expect((await scheduleItem.getValue()).missedWhileIdle).toBe(false);
    // Locking and coming back minutes later is not a missed tick: no off-cadence sync.
    await becomeIdle('locked');
    await becomeIdle('active');
    expect(tick).toHaveBeenCalledTimes(1);
  });
});
