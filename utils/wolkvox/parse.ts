/** Reading an agents_kpi answer into Podio's rows. `agent_dni` is dropped here and goes no further. */
import { DayBuilder } from '../day-records';
import type { Agent, DayColumns, DayKey, DayWindow, ParsedAnswer, SkipCounts } from '../model';
import { eachDay } from '../periods';
import { WolkvoxError } from './errors';
import { isDayKey, readCount, readDuration, readPercent } from './fields';
import {
  BACKSLASH,
  CLOSE_ARRAY,
  CLOSE_OBJECT,
  COMMA,
  isWhitespace,
  OPEN_ARRAY,
  OPEN_OBJECT,
  QUOTE,
} from './json-bytes';

// Names are shown in a leaderboard; a longer one is junk or abuse, not a person's name.
const MAX_NAME_LENGTH = 200;
const MAX_AGENT_ID_LENGTH = 20;
/** Rows reserved up front across a window's days: twice the 60,000 records wolkvox may send. */
export const RESERVED_ROWS = 120_000;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(why: string): WolkvoxError {
  return new WolkvoxError('malformed', `agents_kpi answer: ${why}`);
}

/**
 * JSON.parse failing as WolkvoxError('malformed'); the text is never echoed, it holds ID numbers.
 * One thing beyond JSON is read: a trailing comma before `]` or `}`. wolkvox's own published
 * sample ends `data` with one, so the live API may too, and refusing it would fail every sync.
 * It is looked for only once JSON.parse has failed: a valid answer pays nothing for it.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const fixed = withoutTrailingCommas(text);
    try {
      if (fixed !== null) return JSON.parse(fixed) as unknown;
    } catch {
      // Something else is wrong with it too: malformed, below.
    }
    throw malformed(`not valid JSON (${text.length} characters)`);
  }
}

/**
 * `text` without the commas that directly follow a value and precede (after whitespace only) a
 * `]` or `}`; null if it has none. Commas inside strings are left alone, and so is one with no
 * value before it (`[,]`, `{,}`): that is a missing element, not a trailing comma. Only commas are
 * removed, so anything else wrong with the text is still there for JSON.parse to refuse.
 */
function withoutTrailingCommas(text: string): string | null {
  const n = text.length;
  let out = '';
  let from = 0; // text[from, i) is still to be copied to out
  let inString = false;
  let last = 0; // the last character outside strings and whitespace
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) inString = true;
    if (c !== COMMA) {
      if (!isWhitespace(c)) last = c;
      continue;
    }
    let next = i + 1;
    while (next < n && isWhitespace(text.charCodeAt(next))) next++;
    const closes = text.charCodeAt(next) === CLOSE_ARRAY || text.charCodeAt(next) === CLOSE_OBJECT;
    if (closes && last !== OPEN_ARRAY && last !== OPEN_OBJECT && last !== COMMA) {
      out += text.slice(from, i);
      from = i + 1;
    } else {
      last = c;
    }
  }
  return from === 0 ? null : out + text.slice(from);
}

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

/** Parse the text of an agents_kpi answer; throws WolkvoxError('malformed') if it is not one. */
export function parseAgentsKpi(text: string, window: DayWindow): ParsedAnswer {
  return readAgentsKpi(parseJson(text), window);
}

/** 1 for a figure that did not read (-1), else 0. */
const gap = (figure: number) => (figure < 0 ? 1 : 0);
/** A figure as stored: 0 in place of one that did not read. */
const known = (figure: number) => (figure < 0 ? 0 : figure);

/**
 * The rules both readers share (this one of parsed JSON, parse-bytes.ts's of the raw bytes): which
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

type Figures = [number, number, number, number, number, number, number];

/** Rows reserved per day: room for every agent, capped so that agents × days stays bounded. */
export function rowsPerDay(agents: number, days: number): number {
  return Math.min(agents, Math.ceil(RESERVED_ROWS / days));
}

/**
 * The same as parseAgentsKpi, from an already parsed JSON value. One pass over the parsed objects,
 * each row's figures written straight into its day's columns: no object per row. This is the
 * reference reader: parse-bytes.ts reads the same answers faster and is held equal to it.
 */
export function readAgentsKpi(root: unknown, window: DayWindow): ParsedAnswer {
  if (!isObject(root)) throw malformed('not a JSON object');
  // `code` is a string here but a number in other wolkvox v2 APIs; accept both spellings of 200.
  if (root.code !== '200' && root.code !== 200) throw malformed('envelope code is not 200');
  const data = root.data;
  if (!Array.isArray(data)) throw malformed('envelope data is not an array');

  const dates = eachDay(window);
  // Room for every agent on every day, so a day's columns are filled without ever being copied;
  // capped, so an answer of many agents with a day or two each cannot reserve agents × days.
  const out = new AnswerCollector(dates, rowsPerDay(data.length, dates.length));
  for (let a = 0; a < data.length; a++) {
    const entry: unknown = data[a];
    const agentId = isObject(entry) ? readAgentId(entry.agent_id) : null;
    const stats = agentId === null ? null : (entry as JsonObject).stats;
    if (agentId === null || !Array.isArray(stats)) {
      out.skipped.badAgent++;
      continue;
    }
    if (!out.beginAgent(agentId)) continue;
    for (let s = 0; s < stats.length; s++) {
      const stat: unknown = stats[s];
      const date = isObject(stat) ? stat.date : undefined;
      // The window's days are the only keys: a hit is a real calendar day inside the window, so
      // the full check of the date is needed only for a row that is skipped anyway.
      const slot = typeof date === 'string' ? out.slotOf.get(date) : undefined;
      if (slot === undefined) out.notInWindow(date);
      else if (out.claim(slot)) out.row(slot, ...readFigures(stat as JsonObject));
    }
    out.endAgent((entry as JsonObject).agent_name);
  }
  return out.done();
}

/** A row's seven figures, each -1 where it does not read. */
function readFigures(stat: JsonObject): Figures {
  return [
    readCount(stat.points),
    readCount(stat.hits),
    readCount(stat.calls),
    readDuration(stat.aht_time),
    readDuration(stat.acw_time),
    readPercent(stat.occupancy),
    readDuration(stat.login_time),
  ];
}

/** The extension number as a string of digits (a JSON number is accepted), else null. */
function readAgentId(value: unknown): string | null {
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_AGENT_ID_LENGTH) {
    return null;
  }
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return value;
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
