import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  INITIAL_SYNC_STATE,
  alarmOffsetItem,
  scheduleItem,
  settingsItem,
  syncStateItem,
} from '../../utils/settings';
import { drawOffsetMs, nextTick, shouldRephase } from '../../utils/sync/phase';
import { ALARM, rephase } from '../../utils/sync/scheduler';

const MIN = 60_000;
// 2026-11-24 10:31:17.250 UTC: deliberately not on any minute boundary.
const NOW = Date.UTC(2026, 10, 24, 10, 31, 17, 250);
const sec = (s: number) => s * 1000;

describe('phases', () => {
  it('are drawn to the millisecond over 30 minutes', () => {
    expect(drawOffsetMs(() => 0)).toBe(0);
    expect(drawOffsetMs(() => 0.5)).toBe(15 * MIN);
    expect(drawOffsetMs(() => 0.123456789)).toBe(222_222);
    expect(drawOffsetMs(() => 0.9999999)).toBeLessThan(30 * MIN);
  });

  it.each([
    [{ status: 'ok', agentCount: 3, at: 1, calls: 2, busy: 1 } as const, true],
    [{ status: 'ok', agentCount: 3, at: 1, calls: 1, busy: 0 } as const, false],
    [{ status: 'failed', error: 'busy', calls: 4, busy: 4 } as const, true],
    [{ status: 'failed', error: 'maintenance', calls: 1, busy: 0 } as const, false],
    [{ status: 'skipped', why: 'cap' } as const, false],
  ])('move after a sync wolkvox refused as busy: %j → %s', (outcome, expected) => {
    expect(shouldRephase(outcome)).toBe(expected);
  });
});

describe('rephase', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('keeps a whole interval after the last call, even when the new phase comes sooner', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, intervalMin: 5 });
    // A sync ten seconds ago met "simultaneous requests"; the phase drawn next falls five
    // seconds from now (NOW is 10:31:17.250, so a phase of 1 min 22.25 s on a 5-minute period).
    const last = NOW - 10_000;
    await syncStateItem.setValue({ ...INITIAL_SYNC_STATE, lastAttemptAt: last });
    const offset = MIN + sec(22.25);
    vi.spyOn(Math, 'random').mockReturnValue((offset + 0.5) / (30 * MIN));
    expect(nextTick(NOW, 5, offset)).toBe(NOW + sec(5));

    await rephase();
    const alarm = await fakeBrowser.alarms.get(ALARM);
    expect(await alarmOffsetItem.getValue()).toBe(offset);
    expect(alarm?.scheduledTime).toBe(nextTick(last + 5 * MIN, 5, offset));
    expect(alarm!.scheduledTime - last).toBeGreaterThanOrEqual(5 * MIN);
    expect((await scheduleItem.getValue()).nextSyncAt).toBe(alarm?.scheduledTime);

    // A last call stamped in the future (the clock was set back) waits one interval, no more.
    await syncStateItem.setValue({ ...INITIAL_SYNC_STATE, lastAttemptAt: NOW + 24 * 60 * MIN });
    await rephase();
    expect((await fakeBrowser.alarms.get(ALARM))?.scheduledTime).toBe(
      nextTick(NOW + 5 * MIN, 5, offset),
    );
  });
});
