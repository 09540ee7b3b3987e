/** Pure formatting for the UI: numbers, durations, movement, times and the short leaderboard. */
import { formatDistance } from 'date-fns';
import { enUS } from 'date-fns/locale/en-US';
import { es } from 'date-fns/locale/es';
import { ptBR } from 'date-fns/locale/pt-BR';
import type { BoardRow, PeriodView } from './views';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A whole number with the locale's grouping, four digits included ("1.234", "1,234"). */
export function formatNumber(n: number, locale: string): string {
  let format = numberFormats.get(locale);
  if (!format) {
    // Spanish groups only from five digits by default; points read better grouped from four.
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: 'always' });
    numberFormats.set(locale, format);
  }
  return format.format(n);
}

/** A share 0–100 as the locale writes percentages ("35 %", "35%"). */
export function formatPercent(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(
    share / 100,
  );
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Seconds as mm:ss ("06:01"), or h:mm:ss from an hour up. */
export function formatMinSec(totalSec: number): string {
  const sec = Math.max(0, Math.round(totalSec));
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = sec % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${pad2(m)}:${pad2(s)}`;
}

/** Seconds as h:mm ("7:05"), minutes rounded down. */
export function formatHourMin(totalSec: number): string {
  const min = Math.floor(Math.max(0, totalSec) / 60);
  return `${Math.floor(min / 60)}:${pad2(min % 60)}`;
}

/** Places gained as "▲2", lost as "▼1", none as "="; empty when there is no baseline. */
export function movementText(movement: number | null): string {
  if (movement === null) return '';
  if (movement > 0) return `▲${movement}`;
  if (movement < 0) return `▼${-movement}`;
  return '=';
}

/** The date-fns locale matching a UI locale. */
export function dateLocale(locale: string) {
  if (/^en\b/i.test(locale)) return enUS;
  if (/^pt\b/i.test(locale)) return ptBR;
  return es;
}

/** How long ago `then` was, from `now`, in words ("hace 3 minutos", "3 minutes ago"). */
export function relativeTime(then: number, now: number, locale: string): string {
  return formatDistance(then, now, { addSuffix: true, locale: dateLocale(locale) });
}

/** A clock time ("14:05"), with the date when `at` is not on the same local day as `now`. */
export function formatWhen(at: number, now: number, locale: string): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return new Intl.DateTimeFormat(
    locale,
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(at);
}

/** Figures are stale when older than three sync intervals. */
export function isStale(computedAt: number, now: number, intervalMin: number): boolean {
  return now - computedAt > 3 * intervalMin * 60_000;
}

/** A line of the short leaderboard: a row, or a gap where places are left out. */
export type BoardLine = BoardRow | 'gap';

const sameRow = (a: BoardRow, b: BoardRow) =>
  a.rank === b.rank && a.points === b.points && a.name === b.name && a.isMe === b.isMe;

/**
 * The top rows and the agent's neighbours as one list: the overlap dropped, a gap marked where
 * places are skipped. Both lists are slices of one board in order, the top starting at place 1.
 */
export function mergeBoard(top: readonly BoardRow[], neighbours: readonly BoardRow[]): BoardLine[] {
  if (neighbours.length === 0) return [...top];
  const placed = [...top, ...neighbours].every((r) => r.index !== undefined);
  return placed ? mergeByPlace(top, neighbours) : mergeByValue(top, neighbours);
}

/** Rows that know their place: the top holds places 0…n−1, so the neighbours follow from n. */
function mergeByPlace(top: readonly BoardRow[], neighbours: readonly BoardRow[]): BoardLine[] {
  const rest = neighbours.filter((r) => r.index! >= top.length);
  const skipped = top.length > 0 && rest.length > 0 && rest[0]!.index! > top.length;
  return skipped ? [...top, 'gap', ...rest] : [...top, ...rest];
}

/**
 * Rows stored before they carried their place: matched by what they show, which tied rows that
 * look alike can fool; those views last only until the next sync rebuilds them.
 */
function mergeByValue(top: readonly BoardRow[], neighbours: readonly BoardRow[]): BoardLine[] {
  // The neighbours begin inside the top when a suffix of the top equals their first rows.
  for (let start = 0; start < top.length; start++) {
    const overlap = top.slice(start);
    if (
      overlap.length <= neighbours.length &&
      overlap.every((r, i) => sameRow(r, neighbours[i]!))
    ) {
      return [...top.slice(0, start), ...neighbours];
    }
  }
  // Competition ranks: the row right after the top ranks at most one past the top's length.
  const skipped = top.length > 0 && neighbours[0]!.rank > top.length + 1;
  return skipped ? [...top, 'gap', ...neighbours] : [...top, ...neighbours];
}

/**
 * The ranks of the next higher and next lower scores, as the leaderboard computed them (ties share
 * a rank); views stored before those fields existed fall back to the neighbours shown.
 */
export function adjacentRanks(view: PeriodView): { above: number; below: number } {
  if (view.aboveRank !== undefined && view.belowRank !== undefined) {
    return { above: view.aboveRank ?? view.rank - 1, below: view.belowRank ?? view.rank + 1 };
  }
  const mine = view.kpis.points;
  const above = view.neighbours.filter((r) => r.points > mine).at(-1)?.rank;
  const below = view.neighbours.find((r) => r.points < mine)?.rank;
  return { above: above ?? view.rank - 1, below: below ?? view.rank + 1 };
}

/**
 * What to say of first place: nothing before a point is scored (early in the day everyone shares
 * #1 at 0 points, which is no place at all), and that it is shared when another row has as many
 * points. Under "own figures only" no other row is known: first place is said plainly, still true.
 */
export function firstPlaceKey(view: PeriodView): 'firstPlace' | 'firstPlaceShared' | null {
  if (view.rank !== 1 || view.gapToNext !== null || view.kpis.points <= 0) return null;
  const mine = view.kpis.points;
  const shared = [...view.top, ...view.neighbours].some(
    (r) => !r.isMe && r.rank === 1 && r.points === mine,
  );
  return shared ? 'firstPlaceShared' : 'firstPlace';
}

/** A day key as a short local date ("12 may", "May 12"); `year` adds the year. */
export function formatDay(key: string, locale: string, year = false): string {
  return dayFormat(key, locale, { year: year ? 'numeric' : undefined });
}

/** A day key with its weekday ("lun, 23 nov", "Mon, Nov 23"): tells yesterday from today. */
export function formatWeekDay(key: string, locale: string): string {
  return dayFormat(key, locale, { weekday: 'short' });
}

function dayFormat(key: string, locale: string, extra: Intl.DateTimeFormatOptions): string {
  const at = Date.UTC(Number(key.slice(0, 4)), Number(key.slice(4, 6)) - 1, Number(key.slice(6)));
  // The key is already the operation's date: format it in UTC so no zone shifts it a day.
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    ...extra,
    timeZone: 'UTC',
  }).format(at);
}

/** A change with its sign ("+120", "−3"), grouped as `formatNumber` does. */
export function formatSigned(n: number, locale: string): string {
  const text = formatNumber(Math.abs(n), locale);
  return n > 0 ? `+${text}` : n < 0 ? `−${text}` : text;
}
