/** The agent's own daily figures as CSV (RFC 4180), safe to open in a spreadsheet. */
import type { HistoryDay } from './history';
import type { DayKey } from './model';

export const CSV_HEADER = [
  'date',
  'points',
  'hits',
  'calls',
  'aht',
  'acw',
  'occupancy',
  'login_time',
  'rank',
  'agents',
] as const;

const NUMERIC = /^-?\d+(\.\d+)?$/;
// A spreadsheet runs a cell starting with these as a formula (tab and CR included, per OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-looking text defused with a leading apostrophe, quoted when it must be. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (FORMULA_START.test(text) && !NUMERIC.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Seconds as HH:MM:SS (hours may pass 99). */
export function hhmmss(totalSec: number): string {
  const s = Math.max(0, Math.round(totalSec));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** `YYYYMMDD` as ISO `YYYY-MM-DD`, which every spreadsheet reads as a date. */
export function isoDate(key: DayKey): string {
  return `${key.slice(0, 4)}-${key.slice(4, 6)}-${key.slice(6, 8)}`;
}

/** The CSV text of `days`, oldest first, with a header row and CRLF line ends. */
export function historyCsv(days: readonly HistoryDay[]): string {
  const sorted = [...days].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const rows = sorted.map((d) => [
    isoDate(d.date),
    d.points,
    d.hits,
    d.calls,
    hhmmss(d.ahtSec),
    hhmmss(d.acwSec),
    Math.round(d.occupancy),
    hhmmss(d.loginSec),
    d.rank,
    d.count,
  ]);
  return [CSV_HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** `podio-<agentId>-<from>-<to>.csv`, the id reduced to characters safe in a file name. */
export function csvFileName(agentId: string, days: readonly HistoryDay[]): string {
  const dates = days.map((d) => d.date).sort();
  const id = agentId.replace(/[^\w-]/g, '_');
  return `podio-${id}-${dates[0] ?? ''}-${dates.at(-1) ?? ''}.csv`;
}
