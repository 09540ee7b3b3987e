/**
 * The settings' shape and defaults, free of WXT's storage: scripts and the bench import them
 * outside an extension, where defining storage items would start migrations that reject.
 */
import type { PrivacyMode } from './model';
import { DEFAULT_DAILY_CAP } from './sync/state';

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
  /** Desktop notifications of rank changes (opt-in; absent in settings saved before it existed). */
  alertsEnabled: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  server: null,
  hasToken: false,
  agentId: null,
  intervalMin: 5,
  timeZone: null,
  privacy: 'full',
  badgeEnabled: true,
  dailyCap: DEFAULT_DAILY_CAP,
  alertsEnabled: false,
};
