/** Reading an agents_kpi answer into Podio's rows. `agent_dni` is dropped here and goes no further. */
import { DayBuilder } from '../day-records';
import type { Agent, DayColumns, DayWindow, ParsedAnswer, SkipCounts } from '../model';
import { eachDay } from '../periods';
import { WolkvoxError } from './errors';
import { isDayKey, readCount, readDuration, readPercent } from './fields';

// Names are shown in a leaderboard; a longer one is junk or abuse, not a person's name.
const MAX_NAME_LENGTH = 200;
const MAX_AGENT_ID_LENGTH = 20;
/** Rows reserved up front across a window's days: twice the 60,000 records wolkvox may send. */
const RESERVED_ROWS = 120_000;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(why: string): WolkvoxError {
  return new WolkvoxError('malformed', `agents_kpi answer: ${why}`);
}

/** JSON.parse failing as WolkvoxError('malformed'); the text is never echoed, it holds ID numbers. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw malformed(`not valid JSON (${text.length} characters)`);
  }
}

/** Skip counts of an answer with nothing skipped. */
export function noSkips(): SkipCounts {
  return {
    badNumber: 0,
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

/**
 * The same as parseAgentsKpi, from an already parsed JSON value. One pass over the parsed objects,
 * each row's figures written straight into its day's columns: no object per row.
 */
export function readAgentsKpi(root: unknown, window: DayWindow): ParsedAnswer {
  if (!isObject(root)) throw malformed('not a JSON object');
  // `code` is a string here but a number in other wolkvox v2 APIs; accept both spellings of 200.
  if (root.code !== '200' && root.code !== 200) throw malformed('envelope code is not 200');
  const data = root.data;
  if (!Array.isArray(data)) throw malformed('envelope data is not an array');

  const skipped = noSkips();
  const agents: Agent[] = [];
  const refused: { agentId: string; date: string }[] = [];
  const seenAgents = new Set<string>();
  const dates = eachDay(window);
  const slotOf = new Map(dates.map((date, slot) => [date, slot]));
  // Room for every agent on every day, so a day's columns are filled without ever being copied;
  // capped, so an answer of many agents with a day or two each cannot reserve agents × days.
  const capacity = Math.min(data.length, Math.ceil(RESERVED_ROWS / dates.length));
  const days: (DayBuilder | undefined)[] = new Array(dates.length).fill(undefined);
  // The last agent (by position) that claimed each day: one array for all agents, never cleared.
  const claimedBy = new Int32Array(dates.length).fill(-1);

  for (let a = 0; a < data.length; a++) {
    const entry: unknown = data[a];
    const agentId = isObject(entry) ? readAgentId(entry.agent_id) : null;
    const stats = agentId === null ? null : (entry as JsonObject).stats;
    if (agentId === null || !Array.isArray(stats)) {
      skipped.badAgent++;
      continue;
    }
    // Two entries for one agent cannot both be right; the first one stands.
    if (seenAgents.has(agentId)) {
      skipped.duplicateAgent++;
      continue;
    }
    seenAgents.add(agentId);
    agents.push({ id: agentId, name: readName((entry as JsonObject).agent_name) });

    for (let s = 0; s < stats.length; s++) {
      const stat: unknown = stats[s];
      const date = isObject(stat) ? stat.date : undefined;
      // The window's days are the only keys: a hit is a real calendar day inside the window, so
      // the full check of the date is needed only for a row that is skipped anyway.
      const slot = typeof date === 'string' ? slotOf.get(date) : undefined;
      if (slot === undefined) {
        if (isDayKey(date)) skipped.outsideWindow++;
        else skipped.badDate++;
        continue;
      }
      // A day is claimed by its first row even if that row turns out bad: which copy is right is
      // unknowable, so a later one is not allowed to stand in.
      if (claimedBy[slot] === a) {
        skipped.duplicateDay++;
        continue;
      }
      claimedBy[slot] = a;
      const day = (days[slot] ??= new DayBuilder(dates[slot]!, capacity));
      if (!readRow(stat as JsonObject, agentId, day)) {
        skipped.badNumber++;
        refused.push({ agentId, date: day.date });
      }
    }
  }
  const parsed: DayColumns[] = [];
  for (const day of days) if (day !== undefined && day.ids.length > 0) parsed.push(day.done());
  return { agents, days: parsed, skipped, refused };
}

/** Add the row to `day` if every figure reads; false (and nothing added) if one does not. */
function readRow(stat: JsonObject, agentId: string, day: DayBuilder): boolean {
  const points = readCount(stat.points);
  const hits = readCount(stat.hits);
  const calls = readCount(stat.calls);
  const ahtSec = readDuration(stat.aht_time);
  const acwSec = readDuration(stat.acw_time);
  const occupancy = readPercent(stat.occupancy);
  const loginSec = readDuration(stat.login_time);
  if (points < 0 || hits < 0 || calls < 0 || ahtSec < 0 || acwSec < 0) return false;
  if (occupancy < 0 || loginSec < 0) return false;
  day.add(agentId, points, hits, calls, ahtSec, acwSec, occupancy, loginSec);
  return true;
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
