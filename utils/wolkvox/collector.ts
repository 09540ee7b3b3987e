/**
 * Where both readers of an agents_kpi answer put what they read, and the rules they share. It has
 * a module of its own so that neither reader owns the rules and the two cannot drift apart.
 */
import { DayBuilder } from '../day-records';
import type { Agent, DayColumns, DayKey, ParsedAnswer, SkipCounts } from '../model';
import { isDayKey } from './fields';

// Names are shown in a leaderboard; a longer one is junk or abuse, not a person's name.
const MAX_NAME_LENGTH = 200;
/** Rows reserved up front across a window's days: twice the 60,000 records wolkvox may send. */
export const RESERVED_ROWS = 120_000;

/** Skip counts of an answer with nothing skipped. */
export function noSkips(): SkipCounts {
  return {
    badNumber: 0,
    badFigure: 0,
    badDate: 0,
    outsideWindow: 0,
    duplicateAgent: 0,
    duplicateDay: 0,
    badAgent: 0,
  };
}

/** 1 for a figure that did not read (-1), else 0. */
const gap = (figure: number) => (figure < 0 ? 1 : 0);
/** A figure as stored: 0 in place of one that did not read. */
const known = (figure: number) => (figure < 0 ? 0 : figure);

/**
 * The rules both readers share (parse.ts's of parsed JSON, parse-bytes.ts's of the raw bytes): which
 * agent and which row stands, what counts as skipped and why, what is refused.
 */
export class AnswerCollector {
  readonly skipped = noSkips();
  private readonly agents: Agent[] = [];
  private readonly refused: { agentId: string; date: DayKey }[] = [];
  private readonly seenAgents = new Set<string>();
  private readonly days: (DayBuilder | undefined)[];
  /** The last agent (by number) that claimed each day: one array for all agents, never cleared. */
  private readonly claimedBy: Int32Array;
  private agent = -1;
  private agentId = '';
  readonly slotOf: Map<DayKey, number>;

  /** `capacity`: rows reserved per day up front (each day grows past it if it must). */
  constructor(
    private readonly dates: readonly DayKey[],
    private readonly capacity: number,
  ) {
    this.slotOf = new Map(dates.map((date, slot) => [date, slot]));
    this.days = new Array<DayBuilder | undefined>(dates.length).fill(undefined);
    this.claimedBy = new Int32Array(dates.length).fill(-1);
  }

  /** Start an agent with a readable id and a stats array; false (and counted) if already seen. */
  beginAgent(id: string): boolean {
    // Two entries for one agent cannot both be right; the first one stands.
    if (this.seenAgents.has(id)) {
      this.skipped.duplicateAgent++;
      return false;
    }
    this.seenAgents.add(id);
    this.agent++;
    this.agentId = id;
    return true;
  }

  /** Finish the agent begun last, with its display name (untrusted text, kept as sent). */
  endAgent(name: unknown): void {
    this.agents.push({ id: this.agentId, name: readName(name) });
  }

  /** A row whose date is not one of the window's days. */
  notInWindow(date: unknown): void {
    if (isDayKey(date)) this.skipped.outsideWindow++;
    else this.skipped.badDate++;
  }

  /**
   * Claim day `slot` for the current agent: false (counted) if it already has a row that day. A
   * day is claimed by its first row even if that row turns out bad: which copy is right is
   * unknowable, so a later one is not allowed to stand in.
   */
  claim(slot: number): boolean {
    if (this.claimedBy[slot] === this.agent) {
      this.skipped.duplicateDay++;
      return false;
    }
    this.claimedBy[slot] = this.agent;
    return true;
  }

  /**
   * The current agent's figures for day `slot`, each as its reader gave it (-1: unreadable). Points
   * decide the rank, so a row stands whenever they read: refusing it for a side figure would drop
   * the agent from the board and move everyone below up. A side figure that does not read is
   * stored as 0 and counted (`badFigure`). Points that do not read refuse the row, and the figures
   * stored for that agent-day are kept. Negative points are among those, on purpose (the readers
   * refuse a minus sign): no wolkvox figure can be below 0, boards sum and rank points as counts,
   * and a 0 in their place would silently put the agent last. Plain arguments: a row allocates
   * nothing.
   */
  row(
    slot: number,
    p: number,
    h: number,
    c: number,
    aht: number,
    acw: number,
    occ: number,
    login: number,
  ): void {
    const day = (this.days[slot] ??= new DayBuilder(this.dates[slot]!, this.capacity));
    if (p < 0) {
      this.refuse(day.date);
    } else if (h < 0 || c < 0 || aht < 0 || acw < 0 || occ < 0 || login < 0) {
      this.rowWithGaps(day, p, h, c, aht, acw, occ, login);
    } else {
      day.add(this.agentId, p, h, c, aht, acw, occ, login);
    }
  }

  /** row() when a side figure did not read: each such figure counted and stored as 0. */
  private rowWithGaps(
    day: DayBuilder,
    p: number,
    h: number,
    c: number,
    aht: number,
    acw: number,
    occ: number,
    login: number,
  ): void {
    this.skipped.badFigure += gap(h) + gap(c) + gap(aht) + gap(acw) + gap(occ) + gap(login);
    day.add(this.agentId, p, known(h), known(c), known(aht), known(acw), known(occ), known(login));
  }

  private refuse(date: DayKey): void {
    this.skipped.badNumber++;
    this.refused.push({ agentId: this.agentId, date });
  }

  done(): ParsedAnswer {
    const days: DayColumns[] = [];
    for (const day of this.days) if (day !== undefined && day.ids.length > 0) days.push(day.done());
    return { agents: this.agents, days, skipped: this.skipped, refused: this.refused };
  }
}

/** Rows reserved per day: room for every agent, capped so that agents × days stays bounded. */
export function rowsPerDay(agents: number, days: number): number {
  return Math.min(agents, Math.ceil(RESERVED_ROWS / days));
}

/**
 * The display name, kept as sent. A missing or non-string name becomes '' rather than dropping the
 * agent: their points still count for everyone else's rank, and the UI can show the extension.
 */
function readName(value: unknown): string {
  if (typeof value !== 'string') return '';
  if (value.length <= MAX_NAME_LENGTH) return value;
  let end = MAX_NAME_LENGTH;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // do not cut a surrogate pair in half
  return value.slice(0, end);
}
