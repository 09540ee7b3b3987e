/**
 * The storage.local keys the badge reads, as WXT stores the items of utils/settings.ts
 * (`local:badge` → `badge`). The badge reads them raw to stay free of the storage wrapper;
 * tests/unit/ui-badge.test.tsx checks they still match.
 */
export const KEYS = {
  prefs: 'badge',
  face: 'badgeFace',
} as const;

/** Today's `YYYYMMDD` in `timeZone` (the browser's own when null), for "hide for today". */
export function todayKey(timeZone: string | null, now = Date.now()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timeZone ?? undefined,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(now)
    .replace(/\D/g, '');
}
