/** Reading an agents_kpi answer into Podio's rows. `agent_dni` is dropped here and goes no further. */
import type { DayWindow, ParsedAnswer } from '../model';
import { eachDay } from '../periods';
import { AnswerCollector, rowsPerDay } from './collector';
import { readCount, readDuration, readPercent } from './fields';
import { malformed, parseJson } from './json-text';

// What moved out is still importable from here, where callers have always found it.
export { AnswerCollector, noSkips, RESERVED_ROWS, rowsPerDay } from './collector';
export { parseJson } from './json-text';

const MAX_AGENT_ID_LENGTH = 20;

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parse the text of an agents_kpi answer; throws WolkvoxError('malformed') if it is not one. */
export function parseAgentsKpi(text: string, window: DayWindow): ParsedAnswer {
  return readAgentsKpi(parseJson(text), window);
}

type Figures = [number, number, number, number, number, number, number];

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
