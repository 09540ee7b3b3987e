/** Domain types shared by the wolkvox client, the database, ranking and the UI. */

/** A calendar day of the operation, as wolkvox writes it: `YYYYMMDD`. */
export type DayKey = string;

/** The figures wolkvox reports for one agent, for one day or summed over a period. */
export interface Kpis {
  points: number;
  hits: number;
  calls: number;
  /** Average handling time, seconds. */
  ahtSec: number;
  /** After-call work time, seconds. */
  acwSec: number;
  /** Share of logged-in time busy, 0–100. */
  occupancy: number;
  /** Time logged in, seconds. */
  loginSec: number;
}

/** One agent's figures for one day. `agent_dni` never reaches this type. */
export interface AgentDay extends Kpis {
  agentId: string;
  date: DayKey;
}

/** An agent of the operation: the extension number and the display name (untrusted text). */
export interface Agent {
  id: string;
  name: string;
}

/** An inclusive range of days to ask wolkvox for. `to` may be today (then the answer is partial). */
export interface DayWindow {
  from: DayKey;
  to: DayKey;
}

/** Rows the parser dropped, by reason; a bad row is never fatal. */
export interface SkipCounts {
  /** Rows refused because their points did not read (see `refused`). */
  badNumber: number;
  /**
   * Figures other than points that did not read, in rows kept because their points did: each one
   * is stored as 0. Not a dropped row, but counted here, with the rest of what the answer got wrong.
   */
  badFigure: number;
  badDate: number;
  outsideWindow: number;
  duplicateAgent: number;
  duplicateDay: number;
  badAgent: number;
}

/** A day's figures in the narrowest typed array that holds every one exactly. */
export type DayValues = Float64Array | Uint32Array | Uint16Array;

/**
 * One day's figures in columns: 3,000 agents are one typed array rather than 3,000 objects.
 * `values` holds `ids.length × 7` numbers, row-major, in the order of `COLUMNS` (day-records.ts):
 * most days are whole numbers under 65,536 and so a Uint16Array.
 */
export interface DayColumns {
  date: DayKey;
  ids: string[];
  values: DayValues;
}

/** A valid agents_kpi answer, reduced to what Podio keeps. */
export interface ParsedAnswer {
  agents: Agent[];
  /** The days of the window that have figures, oldest first; each agent's rows in answer order. */
  days: DayColumns[];
  skipped: SkipCounts;
  /** Agent-days whose row came with unreadable points: the stored figures are kept for them. */
  refused?: { agentId: string; date: DayKey }[];
}

/** An answer as fetched, for the window asked, and when: what a sync stores. */
export interface FetchedWindow {
  answer: ParsedAnswer;
  window: DayWindow;
  fetchedAt: number;
  /** Its days before this one are final (never asked again); by default, the day it is stored on. */
  finalBefore?: DayKey;
}

export type PeriodKind = 'today' | 'week' | 'month';
export const PERIODS: readonly PeriodKind[] = ['today', 'week', 'month'];

export type PrivacyMode = 'full' | 'initial' | 'anonymous' | 'own';
