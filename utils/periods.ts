/** Calendar days and periods of the operation, in the operation's time zone. */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { DayKey, DayWindow, PeriodKind } from './model';

const DAY_MS = 86_400_000;
const KEY_RE = /^(\d{4})(\d{2})(\d{2})$/;

/** Splits a key into [year, month 1–12, day], or null when it is not a real calendar date. */
function parts(key: string): [number, number, number] | null {
  const m = KEY_RE.exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= monthDays ? [y, mo, d] : null;
}

function mustParse(key: DayKey): [number, number, number] {
  const p = parts(key);
  if (!p) throw new RangeError(`Invalid DayKey: ${JSON.stringify(key)}`);
  return p;
}

// Calendar arithmetic runs on UTC midnights: UTC has no DST, so every day is exactly DAY_MS long.
// setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
function toUtcMs(key: DayKey): number {
  const [y, m, d] = mustParse(key);
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getTime();
}

function fromUtcMs(ms: number): DayKey {
  const date = new Date(ms);
  const y = date.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError('Date outside the years a DayKey can hold');
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return pad(y, 4) + pad(date.getUTCMonth() + 1, 2) + pad(date.getUTCDate(), 2);
}

/** True when `key` is `YYYYMMDD` naming a real calendar date. */
export function isValidDayKey(key: string): boolean {
  return parts(key) !== null;
}

/** The operation's calendar day at `instant`. */
export function dayKeyOf(instant: Date | number, timeZone: string): DayKey {
  const local = new TZDate(typeof instant === 'number' ? instant : instant.getTime(), timeZone);
  if (Number.isNaN(local.getTime()))
    throw new RangeError(`Invalid instant or time zone: ${timeZone}`);
  return format(local, 'yyyyMMdd');
}

/** The day `n` days after `key` (before it when `n` is negative). */
export function addDays(key: DayKey, n: number): DayKey {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  return fromUtcMs(toUtcMs(key) + n * DAY_MS);
}

/** Days from `a` to `b` (b − a); negative when `b` is earlier. */
export function daysBetween(a: DayKey, b: DayKey): number {
  return (toUtcMs(b) - toUtcMs(a)) / DAY_MS;
}

/** Every day of `window`, `from` and `to` included, oldest first; empty when `to` is before `from`. */
export function eachDay(window: DayWindow): DayKey[] {
  const start = toUtcMs(window.from);
  const count = daysBetween(window.from, window.to) + 1;
  const out: DayKey[] = [];
  for (let i = 0; i < count; i++) out.push(fromUtcMs(start + i * DAY_MS));
  return out;
}

/** The `n` days ending with `today`, oldest first. */
export function lastDays(today: DayKey, n: number): DayKey[] {
  if (n < 1) return [];
  return eachDay({ from: addDays(today, 1 - n), to: today });
}

/** The Monday of the ISO week (Monday first) that holds `key`. */
export function mondayOf(key: DayKey): DayKey {
  const ms = toUtcMs(key);
  const sinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
  return fromUtcMs(ms - sinceMonday * DAY_MS);
}

/** The first day of the month that holds `key`. */
export function firstOfMonth(key: DayKey): DayKey {
  mustParse(key);
  return `${key.slice(0, 6)}01`;
}

/** The days of period `kind` so far: from its first day to `today`. */
export function periodWindow(kind: PeriodKind, today: DayKey): DayWindow {
  switch (kind) {
    case 'today':
      mustParse(today);
      return { from: today, to: today };
    case 'week':
      return { from: mondayOf(today), to: today };
    case 'month':
      return { from: firstOfMonth(today), to: today };
  }
}

/** The period as it stood at yesterday's close, the baseline for movement; null when it had no days yet. */
export function closeWindow(kind: PeriodKind, today: DayKey): DayWindow | null {
  if (kind === 'today') return null;
  const { from } = periodWindow(kind, today);
  return from === today ? null : { from, to: addDays(today, -1) };
}

/** Every zone's midnight, historical offsets included, lies within this much of UTC's. */
const WIDEST_OFFSET_MS = 16 * 3_600_000;

/**
 * Epoch ms of the first instant of day `key` in `timeZone` (01:00 where DST skips midnight; the
 * first of the two midnights where a day starts twice, as in Havana on November's first Sunday).
 * Found by halving the instants around UTC's midnight, on dayKeyOf alone: TZDate's setters would
 * pick one of two midnights by the browser's own zone.
 */
export function startOfDayInstant(key: DayKey, timeZone: string): number {
  const utcMidnight = toUtcMs(key);
  // Invariant: the local day at `before` is earlier than `key`; at `from`, it is `key` or later.
  let before = utcMidnight - WIDEST_OFFSET_MS;
  let from = utcMidnight + WIDEST_OFFSET_MS;
  if (dayKeyOf(before, timeZone) >= key || dayKeyOf(from, timeZone) < key) {
    throw new RangeError(`No midnight of ${key} in ${timeZone}`);
  }
  while (from - before > 1) {
    const mid = before + Math.floor((from - before) / 2);
    if (dayKeyOf(mid, timeZone) >= key) from = mid;
    else before = mid;
  }
  return from;
}

/** Epoch ms of the operation's next midnight after `instant` (the start of its next calendar day). */
export function nextMidnight(instant: Date | number, timeZone: string): number {
  return startOfDayInstant(addDays(dayKeyOf(instant, timeZone), 1), timeZone);
}
