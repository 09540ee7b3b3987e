/**
 * Every setting and piece of sync state Podio keeps in `storage.local`, declared once.
 * Nothing secret lives here: content scripts can read this area. The token is in IndexedDB (utils/db.ts).
 */
import { storage } from 'wxt/utils/storage';
import { INITIAL_ALERT_STATE, type AlertState } from './alerts';
import type { BadgeFaceRecord } from './badge-face';
import type { LastLook } from './changes';
import type { DayKey, PeriodKind } from './model';
import { DEFAULT_SETTINGS, type Settings } from './settings-model';
import { INITIAL_SYNC_STATE, type SyncState } from './sync/state';
import type { SyncConfig } from './sync/types';

export { DEFAULT_SETTINGS, INTERVALS, type IntervalMin, type Settings } from './settings-model';

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The period the popup shows; it also drives the toolbar badge and the console badge. */
export const periodItem = storage.defineItem<PeriodKind>('local:period', { fallback: 'today' });

export type { SyncError, SyncState } from './sync/state';
export { INITIAL_SYNC_STATE };

export const syncStateItem = storage.defineItem<SyncState>('local:syncState', {
  fallback: INITIAL_SYNC_STATE,
  version: 1,
});

/** The alarm's side of things, written only by the scheduler (the engine owns SyncState). */
export interface Schedule {
  /** When the next alarm is due (for the settings page). */
  nextSyncAt: number | null;
  /** An alarm tick was skipped while idle or locked: sync as soon as the user is back. */
  missedWhileIdle: boolean;
}
export const scheduleItem = storage.defineItem<Schedule>('local:schedule', {
  fallback: { nextSyncAt: null, missedWhileIdle: false },
});

/**
 * This install's phase of the alarm interval (ms), drawn at random so an operation's browsers do
 * not call at once, and drawn again when wolkvox says another browser holds the token (phase.ts).
 */
export const alarmOffsetItem = storage.defineItem<number | null>('local:alarmOffsetMs', {
  fallback: null,
});

/** Bumped whenever fresh figures are stored, so open popups and badges redraw without polling. */
export const viewsStampItem = storage.defineItem<number>('local:viewsStamp', { fallback: 0 });

/**
 * Names of the settings the organisation's policy sets or locks (see utils/managed.ts), mirrored
 * here by the background so the options page can show them read-only.
 */
export const managedItem = storage.defineItem<string[]>('local:managed', { fallback: [] });

/** Where the console badge sits and whether it is hidden for the day. */
export interface BadgePrefs {
  x: number | null;
  y: number | null;
  hiddenOn: DayKey | null;
  expanded: boolean;
}
export const badgePrefsItem = storage.defineItem<BadgePrefs>('local:badge', {
  fallback: { x: null, y: null, hiddenOn: null, expanded: false },
});

/**
 * The console badge's face, kept by the background (utils/badge-cache.ts) so the badge draws from
 * one storage read instead of waking the worker. Null until first written.
 */
export const badgeFaceItem = storage.defineItem<BadgeFaceRecord | null>('local:badgeFace', {
  fallback: null,
});

/** Rank alerts' throttle and grouping: when the last one went out and what waits for the next. */
export const alertStateItem = storage.defineItem<AlertState>('local:alertState', {
  fallback: INITIAL_ALERT_STATE,
});

/** The agent's figures as the popup last showed them, per period: the base of "what changed". */
export const lastLookItem = storage.defineItem<Partial<Record<PeriodKind, LastLook>>>(
  'local:lastLook',
  { fallback: {} },
);

/** The operation's time zone in force: the setting, or else the browser's own. */
export function effectiveTimeZone(settings: Pick<Settings, 'timeZone'>): string {
  return settings.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** What a sync under these settings uses, given the server's origin and the token. */
export function syncConfig(settings: Settings, origin: string, token: string): SyncConfig {
  return {
    origin,
    token,
    timeZone: effectiveTimeZone(settings),
    agentId: settings.agentId,
    intervalMin: settings.intervalMin,
    dailyCap: settings.dailyCap,
  };
}

/** Settings are complete when a server, a token and an agent are chosen. */
export function isComplete(settings: Settings): boolean {
  return settings.server !== null && settings.hasToken && settings.agentId !== null;
}
