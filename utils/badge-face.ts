/**
 * What the console badge shows, every figure and word already written in the UI language. The
 * background builds it; the badge only lays it out, so its first paint needs neither the message
 * catalogue nor Intl, each a costly first call in a fresh console page.
 */
import { adjacentRanks, firstPlaceKey, formatNumber, movementText } from './format';
import { byCount, PERIOD_LABEL_KEYS, t as catalogue } from './i18n';
import type { DayKey, PeriodKind } from './model';
import type { PeriodView } from './views';

/** A line of the details: the text, and the test id of the ones tests look for. */
export interface FaceLine {
  id?: string;
  text: string;
}

/** One neighbour on the board; the name is the privacy setting's ("Agente en el #7" when hidden). */
export interface FaceRow {
  rank: number;
  name: string;
  points: string;
  me: boolean;
}

/** The badge ready to draw. Holds only what it shows: no id, no token, no other agent's figures. */
export interface BadgeFace {
  rank: number;
  /** The points as the UI language groups them ("1.234"). */
  points: string;
  /** "▲2", "▼1", "=", or "" without a baseline; `trend` colours it. */
  move: string;
  trend: '' | 'pos' | 'neg';
  /** When the figures turn stale (three sync intervals after their fetch). */
  staleAt: number;
  /** The operation's day when this was built and when it ends, for "hide for today". */
  day: DayKey;
  dayEnds: number;
  /** The operation's zone setting (null: the browser's), for a day past `dayEnds`. */
  timeZone: string | null;
  text: {
    unit: string;
    /** The pill's tooltip. */
    drag: string;
    /** What a screen reader hears after the pill's visible text. */
    summary: string;
    stale: string;
    /** The details' heading: period, rank and count. */
    head: string;
    hide: string;
  };
  /** The gap to the next place (or first place), and the lead over the next lower. */
  lines: FaceLine[];
  /** Two above, the agent, two below; just the agent under "own figures only". */
  rows: FaceRow[];
}

/** What the badge's stored copy holds: the face in the language it was written for. */
export interface BadgeFaceRecord {
  /** `i18n.getUILanguage()` of the background that wrote it: a badge under another asks again. */
  lang: string;
  /** Null when the badge is off or there are no figures yet. */
  face: BadgeFace | null;
}

export interface FaceContext {
  period: PeriodKind;
  /** The locale numbers are written in (utils/i18n.ts `uiLocale`). */
  locale: string;
  staleAt: number;
  day: DayKey;
  dayEnds: number;
  timeZone: string | null;
}

/** The badge's face for `view`; `t` is the message catalogue (tests pass a stand-in). */
export function badgeFace(view: PeriodView, c: FaceContext, t = catalogue): BadgeFace {
  const n = (x: number) => formatNumber(x, c.locale);
  const points = n(view.kpis.points);
  const pts = view.kpis.points;
  const movement = view.movement ?? 0;
  const { above, below } = adjacentRanks(view);
  const lines: FaceLine[] = [];
  if (view.gapToNext !== null) {
    // Always plural: passing takes the points between us plus one, so 2 or more.
    lines.push({ id: 'badge-gap', text: t('gapToNext', n(view.gapToNext), above) });
  } else {
    const first = firstPlaceKey(view);
    if (first) lines.push({ text: t(first) });
  }
  if (view.leadOverNext !== null) {
    const key = byCount(view.leadOverNext, 'leadOverNextOne', 'leadOverNext');
    lines.push({ id: 'badge-lead', text: t(key, n(view.leadOverNext), below) });
  }
  return {
    rank: view.rank,
    points,
    move: movementText(view.movement),
    trend: movement > 0 ? 'pos' : movement < 0 ? 'neg' : '',
    staleAt: c.staleAt,
    day: c.day,
    dayEnds: c.dayEnds,
    timeZone: c.timeZone,
    text: {
      unit: t(byCount(pts, 'pointsUnitOne', 'pointsUnit')),
      drag: t('badgeDrag'),
      summary: t(byCount(pts, 'badgeSummaryOne', 'badgeSummary'), view.rank, view.count, points),
      stale: t('badgeStale'),
      head: `${t(PERIOD_LABEL_KEYS[c.period])} · #${view.rank} ${t('rankOf')} ${view.count}`,
      hide: t('badgeHide'),
    },
    lines,
    rows: view.neighbours.map((r) => ({
      rank: r.rank,
      name: r.name ?? t('agentAtRank', r.rank),
      points: n(r.points),
      me: r.isMe,
    })),
  };
}
