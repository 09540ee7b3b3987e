/**
 * wolkvox's rules for one operation token, in process and on the virtual clock: at most
 * `maxInFlight` requests at once, licenses × 1,000 calls per operation day, and a service time that
 * grows with the records asked. Requests are counted against the budget before the concurrency
 * check, as scripts/simulator/api.ts does: a request refused as busy still spends a call.
 * The client's 25 s timeout is a real setTimeout that never fires here; an answer that would come
 * later rejects the fetch at the virtual deadline instead (the client then reports 'network', which
 * backs off like 'timeout'). Service times stay under 1.5 s up to 2,000 agents, so none does.
 */
import { daysBetween, parseStamp } from '../simulator/calendar';
import type { Operation } from '../simulator/data';
import { buildData, ERRORS, errorBody, successBody, type ApiError } from '../simulator/envelope';
import type { VirtualClock } from './sim';

/** Milliseconds: server time per request and per record, and one-way network latency. */
export const TIMING = { baseMs: 150, perRecordMs: 0.02, jitterMs: 50, refuseMs: 5 } as const;
export const NETWORK = { minMs: 20, maxMs: 80 } as const;
const MAX_DAYS = 31;
const MAX_RECORDS = 60_000;

export type AnswerKind = 'ok' | 'busy' | 'daily-limit' | 'bad-token' | 'bad-request' | 'timeout';
type Deliver = (kind: AnswerKind, serverMs: number, response: () => Response) => void;

export interface ModelOptions {
  clock: VirtualClock;
  op: Operation;
  token: string;
  licenses: number;
  maxInFlight: number;
  random: () => number;
  /** The client's timeout: an answer that would arrive later rejects the fetch at this instant. */
  timeoutMs: number;
  /** Agents listed in each answer (the first n); service time still counts every agent. */
  answerAgents: number;
}

export interface ServerStats {
  requests: number;
  answers: Record<AnswerKind, number>;
  /** Most requests at the server at once, counting the arriving one (refused ones included). */
  peakOffered: number;
  /** Most requests admitted at once: must never pass maxInFlight. */
  peakAdmitted: number;
  /** Calls counted against the budget, per operation day. */
  usedByDay: Map<string, number>;
  budget: number;
  maxServiceMs: number;
}

/** The model; `fetchFor(listener)` gives one browser its `fetch`, telling it how each call ended. */
export function createWolkvoxModel(o: ModelOptions) {
  const { clock, op } = o;
  const stats: ServerStats = {
    requests: 0,
    answers: { ok: 0, busy: 0, 'daily-limit': 0, 'bad-token': 0, 'bad-request': 0, timeout: 0 },
    ...{ peakOffered: 0, peakAdmitted: 0, usedByDay: new Map(), budget: o.licenses * 1000 },
    maxServiceMs: 0,
  };
  let [admitted, refusing] = [0, 0];
  const bodies = new Map<string, Uint8Array<ArrayBuffer>>();
  const encoder = new TextEncoder();
  let [minute, day] = [NaN, ''];
  // The operation as the answers show it: its first `answerAgents` agents.
  const listed: Operation = { ...op, agents: op.agents.slice(0, o.answerAgents) };

  /** The operation's day now (op.today() formats a date; this asks once per virtual minute). */
  function today(): string {
    const m = Math.floor(clock.now / 60_000);
    if (m !== minute) [minute, day] = [m, op.today()];
    return day;
  }

  // Answers depend only on the window and the operation's snapshot: build each one once.
  function answer(ini: string, end: string): Uint8Array<ArrayBuffer> {
    let bytes = bodies.get(`${ini}|${end}`);
    if (!bytes) {
      const { data } = buildData(listed, ini, end);
      const records = data.reduce((n, a) => n + a.stats.length, 0);
      bytes = encoder.encode(successBody(data, records));
      bodies.set(`${ini}|${end}`, bytes);
    }
    return bytes;
  }

  const json = (status: number, body: BodyInit) =>
    new Response(body, { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  const failure = (e: ApiError) => () => json(e.status, errorBody(e));

  /** The server's side of one request, at the instant it arrives. */
  function serve(url: URL, headers: Headers, deliver: Deliver): void {
    const refuse = (kind: AnswerKind, e: ApiError) => deliver(kind, TIMING.refuseMs, failure(e));
    if (headers.get('wolkvox-token') !== o.token) return refuse('bad-token', ERRORS.badToken);
    const used = stats.usedByDay.get(today()) ?? 0;
    if (used >= stats.budget) return refuse('daily-limit', ERRORS.dailyLimit);
    stats.usedByDay.set(today(), used + 1);
    stats.peakOffered = Math.max(stats.peakOffered, admitted + refusing + 1);
    if (admitted >= o.maxInFlight) {
      refusing++;
      clock.at(clock.now + TIMING.refuseMs, () => refusing--);
      return refuse('busy', ERRORS.busy);
    }
    admitted++;
    stats.peakAdmitted = Math.max(stats.peakAdmitted, admitted);
    const ini = parseStamp(url.searchParams.get('date_ini'));
    const end = parseStamp(url.searchParams.get('date_end'));
    const span = ini && end ? daysBetween(ini.day, end.day) + 1 : 0;
    const records = span * op.agents.length;
    const ms = TIMING.baseMs + TIMING.perRecordMs * records + o.random() * TIMING.jitterMs;
    stats.maxServiceMs = Math.max(stats.maxServiceMs, ms);
    clock.at(clock.now + ms, () => admitted--);
    if (!ini || !end || span < 1) return deliver('bad-request', ms, failure(ERRORS.params));
    if (span > MAX_DAYS) return deliver('bad-request', ms, failure(ERRORS.range));
    if (records > MAX_RECORDS) return deliver('bad-request', ms, failure(ERRORS.records));
    const body = answer(ini.day, end.day);
    deliver('ok', ms, () => json(200, body));
  }

  const latency = () => NETWORK.minMs + o.random() * (NETWORK.maxMs - NETWORK.minMs);

  function fetchFor(onAnswer: (kind: AnswerKind) => void): typeof fetch {
    return (input, init) =>
      new Promise<Response>((resolve, reject) => {
        stats.requests++;
        const deadline = clock.now + o.timeoutMs;
        const signal = init?.signal;
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        const deliver: Deliver = (kind, serverMs, response) => {
          const arrives = clock.now + serverMs + latency();
          const gaveUp = arrives > deadline;
          // Past the client's timeout the server still works, but the browser has stopped waiting.
          clock.at(gaveUp ? deadline : arrives, () => {
            stats.answers[gaveUp ? 'timeout' : kind]++;
            onAnswer(gaveUp ? 'timeout' : kind);
            if (signal?.aborted) return;
            if (gaveUp) reject(new TypeError('fetch failed: no answer before the timeout'));
            else resolve(response());
          });
        };
        const url = new URL(String(input));
        const headers = new Headers(init?.headers);
        clock.at(clock.now + latency(), () => serve(url, headers, deliver));
      });
  }

  return {
    stats,
    fetchFor,
    today,
    /** Move the operation's figures on; answers built before no longer apply. */
    advance(): void {
      op.advance();
      bodies.clear();
    },
  };
}

export type WolkvoxModel = ReturnType<typeof createWolkvoxModel>;
