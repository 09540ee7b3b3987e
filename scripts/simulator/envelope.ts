// The agents_kpi wire format: the success envelope and the error answers of the doc's table.
import { daysNewestFirst, type DayKey } from './calendar';
import { toWire, type Operation, type WireStat } from './data';

/** One `data[]` entry exactly as wolkvox sends it. */
export interface WireAgent {
  agent_id: string;
  agent_name: string;
  agent_dni: string;
  stats: WireStat[];
}

/** The documented error messages, plus the two limits wolkvox publishes without an error text. */
export const ERRORS = {
  noApi: { status: 400, message: 'THE API YOU WANT TO CONSULT DOES NOT EXIST' },
  params: { status: 400, message: 'SOME PARAMETERS ARE REQUIRED' },
  noToken: { status: 401, message: 'PLEASE ENTER THE WOLKVOX-TOKEN' },
  badToken: { status: 403, message: 'PLEASE VALIDATE TOKEN' },
  dailyLimit: { status: 403, message: 'TOKEN LIMIT EXCEEDED' },
  busy: { status: 403, message: 'EXCEEDS THE LIMIT OF SIMULTANEOUS REQUESTS PER TOKEN (2)' },
  // Undocumented: wolkvox publishes the limits but not the answer to a query over them. These
  // texts are our guess; the extension must not depend on them beyond "400, not retryable".
  range: { status: 400, message: 'THE DATE RANGE CANNOT EXCEED 31 DAYS' },
  records: { status: 400, message: 'THE QUERY EXCEEDS 60000 RECORDS' },
  // Maintenance (backups) answers 403 with no specific message.
  maintenance: { status: 403, message: '' },
} as const;

export type ApiError = (typeof ERRORS)[keyof typeof ERRORS];

/** The error body; the real one is undocumented, so we mirror the success envelope. */
export function errorBody(error: { status: number; message: string }): string {
  const { status, message } = error;
  return JSON.stringify({ code: String(status), error: message, msg: message, data: null });
}

/** The success body with `data` last, so a fault can tamper with its closing bracket. */
export function successBody(data: unknown[], records: number): string {
  return JSON.stringify({ code: '200', error: null, msg: `${records} records were found`, data });
}

/** Every agent with its rows in [dayIni, dayEnd], newest first; days after today never appear. */
export function buildData(
  op: Operation,
  dayIni: DayKey,
  dayEnd: DayKey,
): { data: WireAgent[]; records: number; days: DayKey[] } {
  const today = op.today();
  const days = daysNewestFirst(dayIni, dayEnd < today ? dayEnd : today);
  let records = 0;
  const data = op.agents.map((agent) => {
    const stats: WireStat[] = [];
    for (const day of days) {
      const s = op.statsFor(agent.id, day);
      if (s) stats.push(toWire(s));
    }
    records += stats.length;
    return { agent_id: agent.id, agent_name: agent.name, agent_dni: agent.dni, stats };
  });
  return { data, records, days };
}
