/**
 * Every setting and piece of sync state Podio keeps in `storage.local`, declared once.
 * Nothing secret lives here: content scripts can read this area. The token is in IndexedDB (utils/db.ts).
 */
import { storage } from 'wxt/utils/storage';
import type { DayKey, PeriodKind, PrivacyMode } from './model';
import type { WolkvoxErrorKind } from './wolkvox/errors';

export const INTERVALS = [5, 10, 15, 30] as const;
export type IntervalMin = (typeof INTERVALS)[number];

export interface Settings {
  /** wolkvox server code, digits only (e.g. "0032"); null until set. */
  server: string | null;
  /** True once a token is saved (the token itself is never here). */
  hasToken: boolean;
  /** The agent this browser belongs to (wolkvox extension number). */
  agentId: string | null;
  intervalMin: IntervalMin;
  /** IANA zone of the operation; null follows the browser's zone. */
  timeZone: string | null;
  privacy: PrivacyMode;
  badgeEnabled: boolean;
  /** Alarm-driven calls stop for the day past this many calls from this browser. */
  dailyCap: number;
}

export const DEFAULT_SETTINGS: Settings = {
  server: null,
  hasToken: false,
  agentId: null,
  intervalMin: 5,
  timeZone: null,
  privacy: 'full',
  badgeEnabled: true,
  dailyCap: 150,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The period the popup shows; it also drives the toolbar badge and the console badge. */
export const periodItem = storage.defineItem<PeriodKind>('local:period', { fallback: 'today' });

export interface SyncError {
  kind: WolkvoxErrorKind;
  at: number;
  status?: number;
}

/** What must survive the service worker's death between syncs. */
export interface SyncState {
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  /** The latest sync's failure; null once a sync succeeds. */
  lastError: SyncError | null;
  /** Set by a "stop" error (bad token…): alarm syncs wait for new settings. */
  stoppedFor: WolkvoxErrorKind | null;
  /** Daily limit reached: no calls before this instant (the operation's next midnight). */
  pausedUntil: number | null;
  /** Transient failures: alarm ticks before this instant are skipped. */
  backoffUntil: number | null;
  backoffLevel: number;
  /** Agents in the operation, learned from the latest answer; sizes the split of long ranges. */
  agentCount: number | null;
  /** Calls this browser made on the operation's day `usageDay`. */
  usageDay: DayKey | null;
  usageCalls: number;
}

export const INITIAL_SYNC_STATE: SyncState = {
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastError: null,
  stoppedFor: null,
  pausedUntil: null,
  backoffUntil: null,
  backoffLevel: 0,
  agentCount: null,
  usageDay: null,
  usageCalls: 0,
};

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

/** A random per-install offset (seconds) so an operation's browsers do not all call at once. */
export const alarmOffsetItem = storage.defineItem<number | null>('local:alarmOffsetSec', {
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

/** The operation's time zone in force: the setting, or else the browser's own. */
export function effectiveTimeZone(settings: Pick<Settings, 'timeZone'>): string {
  return settings.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Settings are complete when a server, a token and an agent are chosen. */
export function isComplete(settings: Settings): boolean {
  return settings.server !== null && settings.hasToken && settings.agentId !== null;
}
