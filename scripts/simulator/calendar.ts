// Calendar arithmetic on day keys (YYYYMMDD) and wolkvox 14-digit stamps. Day keys are wall-clock
// dates in the operation's time zone; arithmetic runs on UTC dates so no DST shift can move a day.

/** A day as wolkvox writes it: `YYYYMMDD`. */
export type DayKey = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date of `now` in `timeZone`, as a day key. */
export function dayKeyIn(timeZone: string, now: Date): DayKey {
  const parts = formatter(timeZone).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

function toUtc(key: DayKey): number {
  return Date.UTC(Number(key.slice(0, 4)), Number(key.slice(4, 6)) - 1, Number(key.slice(6, 8)));
}

function fromUtc(ms: number): DayKey {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** The day `n` days after `key` (negative goes back). */
export function addDays(key: DayKey, n: number): DayKey {
  return fromUtc(toUtc(key) + n * 86_400_000);
}

/** Whole days from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function daysBetween(from: DayKey, to: DayKey): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

/** The days from `newest` back to `oldest`, newest first; empty when `newest` is before `oldest`. */
export function daysNewestFirst(oldest: DayKey, newest: DayKey): DayKey[] {
  const out: DayKey[] = [];
  for (let d = newest; d >= oldest; d = addDays(d, -1)) out.push(d);
  return out;
}

/** Parses a `YYYYmmddHHiiss` stamp; null when it is not 14 digits naming a real instant. */
export function parseStamp(stamp: string | null): { day: DayKey; stamp: string } | null {
  if (stamp === null || !/^\d{14}$/.test(stamp)) return null;
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((i, k) =>
    Number(stamp.slice(i, k === 0 ? 4 : i + 2)),
  ) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  const realDay =
    date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  if (!realDay || h > 23 || mi > 59 || s > 59) return null;
  return { day: stamp.slice(0, 8), stamp };
}

/** Seconds as wolkvox's `HH:MM:SS` (hours may run past 99 in theory, so at least two digits). */
export function hms(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
