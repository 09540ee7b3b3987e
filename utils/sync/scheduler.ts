/**
 * The alarm that drives syncs, spread across an operation by a per-install offset, and quiet while
 * the agent is away (screen locked or 30 minutes without input).
 */
import { browser } from 'wxt/browser';
import type { Alarms } from 'webextension-polyfill';
import {
  alarmOffsetItem,
  scheduleItem,
  settingsItem,
  syncStateItem,
  isComplete,
} from '../settings';
import { drawOffsetMs, nextTick } from './phase';

export const ALARM = 'podio-sync';
/** Seconds without input after which the agent counts as away. */
export const IDLE_AFTER_SEC = 30 * 60;

/** Create the alarm if it is missing or its interval changed; `force` re-creates it. */
export async function ensureAlarm(force = false): Promise<void> {
  const { intervalMin } = await settingsItem.getValue();
  let offset = await alarmOffsetItem.getValue();
  if (offset === null) {
    offset = drawOffsetMs(Math.random);
    await alarmOffsetItem.setValue(offset);
  }
  const existing = await browser.alarms.get(ALARM);
  if (!force && existing?.periodInMinutes === intervalMin) return recordNext();
  await browser.alarms.create(ALARM, {
    when: nextTick(force ? await earliestCall(intervalMin) : Date.now(), intervalMin, offset),
    periodInMinutes: intervalMin,
  });
  await recordNext();
}

/**
 * When a forced move (a new phase after a "simultaneous requests" refusal, a new interval) may
 * first tick: no sooner than one interval after the last call, since wolkvox allows one call per
 * token every five minutes and a fresh phase can fall seconds after the call that met the refusal.
 * A last call stamped in the future (the clock was set back) counts as now: it delays by one
 * interval, not by however far the clock moved.
 */
async function earliestCall(intervalMin: number): Promise<number> {
  const now = Date.now();
  const { lastAttemptAt } = await syncStateItem.getValue();
  if (lastAttemptAt === null) return now;
  return Math.max(now, Math.min(lastAttemptAt, now) + intervalMin * 60_000);
}

/** Move this install to a fresh phase: another browser of the operation shares the current one. */
export async function rephase(): Promise<void> {
  await alarmOffsetItem.setValue(drawOffsetMs(Math.random));
  await ensureAlarm(true);
}

async function recordNext(): Promise<void> {
  const alarm = await browser.alarms.get(ALARM);
  const schedule = await scheduleItem.getValue();
  await scheduleItem.setValue({ ...schedule, nextSyncAt: alarm?.scheduledTime ?? null });
}

/** Wire the alarm and idle listeners to `tick`. Call synchronously from the background's main. */
export function registerScheduler(tick: () => Promise<unknown>): void {
  browser.idle.setDetectionInterval(IDLE_AFTER_SEC);

  browser.alarms.onAlarm.addListener(async (alarm: Alarms.Alarm) => {
    if (alarm.name !== ALARM) return;
    // Re-arms the periodic alarm if something replaced it with a one-shot (and records the next).
    await ensureAlarm();
    if (!isComplete(await settingsItem.getValue())) return;
    const state = await browser.idle.queryState(IDLE_AFTER_SEC);
    const schedule = await scheduleItem.getValue();
    if (state !== 'active') {
      await scheduleItem.setValue({ ...schedule, missedWhileIdle: true });
      return;
    }
    // This tick catches up whatever was missed: a flag left by a browser closed while locked
    // must not bring an off-cadence sync the next time the agent comes back.
    if (schedule.missedWhileIdle)
      await scheduleItem.setValue({ ...schedule, missedWhileIdle: false });
    await tick();
  });

  browser.idle.onStateChanged.addListener(async (state) => {
    if (state !== 'active') return;
    const schedule = await scheduleItem.getValue();
    if (!schedule.missedWhileIdle) return;
    // Back at the desk after missing a tick: bring the figures up to date at once.
    await scheduleItem.setValue({ ...schedule, missedWhileIdle: false });
    await tick();
  });

  void ensureAlarm();
}
