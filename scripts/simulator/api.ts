// The agents_kpi endpoint: token, budget and concurrency accounting, the doc's error table, the
// 31-day and 60,000-record limits, and fault injection. Every request lands in the log, which
// records whether a token was valid but never the token itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { daysBetween, parseStamp } from './calendar';
import type { Operation } from './data';
import { buildData, ERRORS, errorBody, successBody, type WireAgent } from './envelope';
import {
  duplicates,
  JSON_TYPE,
  padding,
  replacement,
  wrongTypes,
  type FaultKind,
  type FaultSlot,
  type Reply,
} from './faults';

export const API_PATH = '/api/v2/gamification.php';
const MAX_DAYS = 31;
const MAX_RECORDS = 60_000;

/** One API request as the simulator saw it. */
export interface LogEntry {
  at: string;
  host: string;
  method: string;
  path: string;
  /** Query parameters; any parameter named like a token is redacted. */
  query: Record<string, string>;
  token: 'valid' | 'invalid' | 'missing';
  /** HTTP status sent, or 0 when the connection closed before an answer. */
  status: number;
  message: string;
  records: number;
  bytes: number;
  durationMs: number;
  /** Requests of the same token already in flight when this one arrived. */
  inFlightAtStart: number;
  fault: FaultKind | null;
}

/** Shared mutable state of one running simulator. */
export interface ApiState {
  op: Operation;
  faults: FaultSlot;
  tokens: Set<string>;
  maxInFlight: number;
  dailyBudget: number;
  latencyMs: number;
  log: LogEntry[];
  inFlight: Map<string, number>;
  budget: { day: string; used: Map<string, number> };
  peak: { value: number };
  hung: Set<ServerResponse>;
  sleep(ms: number): Promise<void>;
}

/** Answers one request addressed to a `wv<digits>.wolkvox.com` host. */
export async function handleApi(
  s: ApiState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  host: string,
): Promise<void> {
  const started = performance.now();
  const header = req.headers['wolkvox-token'];
  const token = typeof header === 'string' && header !== '' ? header : null;
  const tokenState = token === null ? 'missing' : s.tokens.has(token) ? 'valid' : 'invalid';
  const inFlightAtStart = token === null ? 0 : (s.inFlight.get(token) ?? 0);
  if (tokenState === 'valid') s.peak.value = Math.max(s.peak.value, inFlightAtStart + 1);
  const dateEnd = url.searchParams.get('date_end');
  const fault = s.faults.take(dateEnd !== null && dateEnd.slice(0, 8) < s.op.today());
  const query = Object.fromEntries(
    [...url.searchParams].map(([k, v]) => [k, /token/i.test(k) ? '[redacted]' : v]),
  );
  const at = new Date().toISOString();
  const method = req.method ?? 'GET';

  let acquired = false;
  const release = (): void => {
    if (!acquired || token === null) return;
    acquired = false;
    s.inFlight.set(token, (s.inFlight.get(token) ?? 1) - 1);
  };
  let logged = false;
  const record = (status: number, message: string, records: number, bytes: number): void => {
    release();
    if (logged) return;
    logged = true;
    s.log.push({
      ...{ at, host, method, path: url.pathname, query, token: tokenState },
      ...{ status, message, records, bytes, inFlightAtStart, fault: fault?.kind ?? null },
      durationMs: Math.round(performance.now() - started),
    });
  };
  res.on('close', () => {
    s.hung.delete(res);
    record(0, fault?.kind === 'hang' ? 'NO ANSWER (hang)' : 'CLOSED BEFORE ANSWER', 0, 0);
  });
  const send = (r: Reply, records = 0): void => {
    if (res.destroyed) return;
    const bytes = Buffer.byteLength(r.body);
    res.writeHead(r.status, { 'Content-Type': r.type, 'Content-Length': bytes });
    record(r.status, r.message, records, bytes);
    res.end(r.body);
  };
  const fail = (e: { status: number; message: string }): void =>
    send({ ...e, body: errorBody(e), type: JSON_TYPE });

  const replaced = replacement(fault);
  if (replaced) {
    await s.sleep(s.latencyMs);
    return send(replaced);
  }
  const api = url.searchParams.get('api');
  if (method !== 'GET' || url.pathname !== API_PATH || api !== 'agents_kpi') {
    return fail(ERRORS.noApi);
  }
  if (token === null) return fail(ERRORS.noToken);
  if (tokenState === 'invalid') return fail(ERRORS.badToken);

  const today = s.op.today();
  if (s.budget.day !== today) s.budget = { day: today, used: new Map() };
  const used = s.budget.used.get(token) ?? 0;
  if (used >= s.dailyBudget) return fail(ERRORS.dailyLimit);
  s.budget.used.set(token, used + 1);
  if (inFlightAtStart >= s.maxInFlight) return fail(ERRORS.busy);
  s.inFlight.set(token, inFlightAtStart + 1);
  acquired = true;

  await s.sleep(s.latencyMs + (fault?.kind === 'latency' ? fault.ms : 0));
  if (fault?.kind === 'hang') {
    s.hung.add(res); // answered only by close() or clearing the fault, both of which destroy it
    return;
  }
  if (res.destroyed) return;

  const ini = parseStamp(url.searchParams.get('date_ini'));
  const end = parseStamp(url.searchParams.get('date_end'));
  if (!ini || !end || end.stamp < ini.stamp) return fail(ERRORS.params);
  const span = daysBetween(ini.day, end.day) + 1;
  if (span > MAX_DAYS) return fail(ERRORS.range);
  if (span * s.op.agents.length > MAX_RECORDS) return fail(ERRORS.records);

  const built = buildData(s.op, ini.day, end.day);
  let data: unknown[] = built.data;
  let records = built.records;
  if (fault?.kind === 'wrong-types') data = wrongTypes(built.data);
  if (fault?.kind === 'duplicates') {
    const dup = duplicates(built.data, end.day);
    records = dup.reduce((n: number, a: WireAgent) => n + a.stats.length, 0);
    data = dup;
  }
  if (fault?.kind === 'huge') {
    const pad = padding(fault.mb, built.days);
    records += pad.length * built.days.length;
    data = [...built.data, ...pad];
  }
  let body = successBody(data, records);
  const message = `${records} records were found`;
  // The published sample ends `data` with a trailing comma (which Podio reads); a comma before
  // the first element is broken JSON no reader takes.
  if (fault?.kind === 'trailing-comma') body = `${body.slice(0, -2)},]}`;
  if (fault?.kind === 'malformed') body = body.replace('"data":[', '"data":[,');
  if (fault?.kind !== 'truncated')
    return send({ status: 200, body, type: JSON_TYPE, message }, records);

  // Promise the whole body, send half, then drop the connection.
  const half = Buffer.from(body).subarray(0, Math.floor(Buffer.byteLength(body) / 2));
  res.writeHead(200, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(body) });
  record(200, 'TRUNCATED', records, half.length);
  res.write(half, () => res.destroy());
}
