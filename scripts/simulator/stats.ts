// One agent-day: its numeric truth and its wire form (every value a string, times as HH:MM:SS).
import type { WireStat } from '../../utils/wolkvox/types';
import { hms, type DayKey } from './calendar';

// The wire row is the extension's own type, so the simulator and the parser cannot drift apart.
export type { WireStat };

export const MAX_POINTS = 1500;

/** The numeric truth of one agent-day. */
export interface DayStats {
  date: DayKey;
  points: number;
  hits: number;
  calls: number;
  ahtSeconds: number;
  acwSeconds: number;
  occupancyPercent: number;
  loginSeconds: number;
}

/** Converts numeric truth to the wire row. */
export function toWire(s: DayStats): WireStat {
  return {
    date: s.date,
    points: String(s.points),
    hits: String(s.hits),
    calls: String(s.calls),
    aht_time: hms(s.ahtSeconds),
    acw_time: hms(s.acwSeconds),
    occupancy: `${s.occupancyPercent} %`,
    login_time: hms(s.loginSeconds),
  };
}

export function zero(date: DayKey): DayStats {
  const z = { points: 0, hits: 0, calls: 0, ahtSeconds: 0, acwSeconds: 0, occupancyPercent: 0 };
  return { date, ...z, loginSeconds: 0 };
}

export function occupancy(calls: number, aht: number, acw: number, login: number): number {
  return login === 0 ? 0 : Math.min(99, Math.round(((calls * (aht + acw)) / login) * 100));
}
