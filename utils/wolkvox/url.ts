/** The agents_kpi request URL, with dates in the operation's wall-clock time as wolkvox wants. */
import { TZDate } from '@date-fns/tz';
import type { DayKey, DayWindow } from '../model';

/** The two date parameters of an agents_kpi query, 14 digits each. */
export interface KpiQuery {
  dateIni: string;
  dateEnd: string;
}

const DAY_KEY = /^\d{8}$/;
const DATE_TIME = /^\d{14}$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `YYYYmmddHHiiss` for `instant` as a clock in `timeZone` shows it. */
export function wolkvoxDateTime(instant: Date | number, timeZone: string): string {
  const local = new TZDate(typeof instant === 'number' ? instant : instant.getTime(), timeZone);
  if (Number.isNaN(local.getTime()))
    throw new RangeError(`Invalid instant or time zone: ${timeZone}`);
  return (
    pad(local.getFullYear(), 4) +
    pad(local.getMonth() + 1, 2) +
    pad(local.getDate(), 2) +
    pad(local.getHours(), 2) +
    pad(local.getMinutes(), 2) +
    pad(local.getSeconds(), 2)
  );
}

/**
 * The query for a window: from the start of `from` to the end of `to`, or to now when `to` is today.
 * A `to` after today is also cut at now: wolkvox has nothing later, and a future end is not a
 * documented input.
 */
export function windowQuery(window: DayWindow, now: Date | number, timeZone: string): KpiQuery {
  assertDayKey(window.from);
  assertDayKey(window.to);
  const nowText = wolkvoxDateTime(now, timeZone);
  const today = nowText.slice(0, 8);
  return {
    dateIni: `${window.from}000000`,
    dateEnd: window.to < today ? `${window.to}235959` : nowText,
  };
}

/** The agents_kpi URL on `origin` (an `https://wv<code>.wolkvox.com` origin from parseServer). */
export function agentsKpiUrl(origin: string, q: KpiQuery): string {
  // Only digits may reach the query string, so nothing needs escaping and nothing can be injected.
  if (!DATE_TIME.test(q.dateIni) || !DATE_TIME.test(q.dateEnd)) {
    throw new RangeError('agents_kpi dates must be 14 digits');
  }
  return `${origin}/api/v2/gamification.php?api=agents_kpi&date_ini=${q.dateIni}&date_end=${q.dateEnd}`;
}

function assertDayKey(key: DayKey): void {
  if (!DAY_KEY.test(key)) throw new RangeError(`Not a YYYYMMDD day: ${key}`);
}
